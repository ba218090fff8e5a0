import { LOOPBACK_IPS, type SandboxApp, type SandboxMember } from '../../src/sandbox/index.ts';

/** The sandbox corp the demo's authenticator talks to; the default of the sandbox, so its home page matches. */
export const DEMO_CORP_ID = 'wwsandbox0000001';

/** The self-built app, minus its trusted domain, which follows the app port of each run. */
export const DEMO_WECOM_APP: Omit<SandboxApp, 'trustedDomain'> = {
  agentId: 1000002,
  name: 'NocoBase',
  secret: 'sandbox-secret-0001',
  // An app created today trusts no IP until the admin adds NocoBase's; here NocoBase calls from this machine.
  trustedIps: [...LOOPBACK_IPS],
  // An app created today: user/get hides the mobile, so only an in-client consent can link a member by phone.
  createdBefore20220620: false,
  disabled: false,
};

/** The name of the demo's WeCom authenticator, used in URLs (`?authenticator=wecom`). */
export const DEMO_AUTHENTICATOR = 'wecom';

/**
 * One case to try. Mobiles are written the way admins type them, in several formats, so the demo shows
 * that linking by phone ignores `+86`, spaces and dashes.
 */
export interface DemoPerson {
  member: SandboxMember;
  /** The NocoBase user this member should end up as; none when the point is that nobody matches. */
  user?: { nickname: string; username: string; phone: string };
  /** Bound before the first sign-in, as a returning employee would be: signs in silently, also by QR. */
  preBound?: boolean;
  /** What happens when this member signs in, for the printed guide. */
  outcome: string;
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    member: { userid: 'zhangsan', name: '张三', mobile: '+86 138-0013-8000', position: '产品经理', gender: '1' },
    user: { nickname: 'Zhang San', username: 'zhangsan', phone: '13800138000' },
    outcome: 'first sign-in in the WeCom client: consents once, then is linked to "Zhang San" by phone',
  },
  {
    member: { userid: 'zhaoliu', name: '赵六', mobile: '+8615000000006', position: '财务', gender: '2' },
    user: { nickname: 'Zhao Liu', username: 'zhaoliu', phone: '15000000006' },
    preBound: true,
    outcome: 'already linked: signs in silently in the client, and at once by QR on desktop',
  },
  {
    member: { userid: 'lisi', name: '李四', mobile: '+86 139 1234 5678', position: '后端工程师', gender: '1' },
    outcome: 'no NocoBase user has this phone and sign-up is off: USER_NOT_FOUND',
  },
  {
    member: { userid: 'wangwu', name: '王五', mobile: '186-0000-1234', position: '销售', gender: '1', visible: false },
    // A matching user exists, so the refusal is visibly about WeCom's visible range and not about the phone.
    user: { nickname: 'Wang Wu', username: 'wangwu', phone: '18600001234' },
    outcome: "outside the app's visible range: OUTSIDE_VISIBLE_RANGE (QR: WeCom refuses to issue a code)",
  },
  {
    member: { userid: 'sunqi', name: '孙七', position: '外包顾问', gender: '2' },
    outcome: 'no mobile in the directory: MOBILE_UNAVAILABLE',
  },
];

/** Who the sandbox should list, with the app's trusted domain set to where NocoBase runs. */
export function demoSandboxSetup(appOrigin: string): { members: SandboxMember[]; apps: SandboxApp[] } {
  return {
    members: DEMO_PEOPLE.map((person) => person.member),
    apps: [{ ...DEMO_WECOM_APP, trustedDomain: new URL(appOrigin).host }],
  };
}
