/** A member of the sandbox corp's directory (通讯录). */
export interface SandboxMember {
  /** 1-64 characters of `A-Z a-z 0-9 _ - . @`, like a real WeCom userid. */
  userid: string;
  name: string;
  /** Stored as typed by the admin: `13800000000`, `+86 138 0000 0000`, `138-0000-0000` all work. */
  mobile?: string;
  email?: string;
  /** @default [1] */
  department?: number[];
  position?: string;
  /** '0' unknown, '1' male, '2' female. */
  gender?: '0' | '1' | '2';
  avatar?: string;
  biz_mail?: string;
  address?: string;
  /** Inside the apps' visible range (可见范围). @default true */
  visible?: boolean;
}

/** A self-built app (自建应用) of the sandbox corp. */
export interface SandboxApp {
  agentId: number;
  name: string;
  secret: string;
  /** `host` or `host:port`; must equal the redirect_uri's host exactly, port included. */
  trustedDomain: string;
  homeUrl?: string;
  /**
   * null: the IP check is off. A list (even empty) is enforced and answers 60020. A new app created after
   * 2022-06-20 that is given none gets `[]`, as WeCom requires trusted IPs of those apps.
   */
  trustedIps: string[] | null;
  /** true: user/get still returns mobile, email, avatar, gender and the other fields hidden since 2022-06-20. */
  createdBefore20220620: boolean;
  /** 停用: gettoken and the API answer 50003, agent/get says `close: 1`, the sign-in pages refuse. @default false */
  disabled: boolean;
}

export interface SandboxSettings {
  corpId: string;
  apps: SandboxApp[];
  /** @default 7200 */
  tokenLifetimeSeconds: number;
  /** Added to the real clock for every expiry check, so tests can jump ahead. @default 0 */
  clockOffsetSeconds: number;
  /** gettoken calls allowed per app within the window; beyond it 45009. */
  gettokenRateLimit: { max: number; windowSeconds: number };
  /** The WeCom client user when the browser has no session cookie. @default null */
  defaultClientUser: string | null;
}

/**
 * An app in a settings patch: matched to an existing app by agentId and merged into it;
 * an unknown agentId adds a new app, which then needs name, secret and trustedDomain.
 */
export type SandboxAppPatch = Partial<SandboxApp> & { agentId: number };

/** What `configure` accepts. Every `Partial<SandboxSettings>` is one. */
export interface SandboxSettingsPatch {
  corpId?: string;
  apps?: SandboxAppPatch[];
  tokenLifetimeSeconds?: number;
  clockOffsetSeconds?: number;
  gettokenRateLimit?: Partial<SandboxSettings['gettokenRateLimit']>;
  defaultClientUser?: string | null;
}

/** A misbehaviour applied to the next `count` calls of one endpoint. */
export interface SandboxFault {
  /** A path such as '/cgi-bin/gettoken'. */
  endpoint: string;
  count: number;
  /** HTTP status of the faulty answer. @default 200 */
  status?: number;
  /** Waited before answering (or before the normal answer when nothing else is set). */
  delayMs?: number;
  /** The body is not JSON. */
  malformed?: boolean;
  /** The connection is closed without an answer, as WeCom's edge or a proxy on the way may do. */
  drop?: boolean;
  errcode?: number;
  /** Replaces the text before ", hint: […]" in errmsg. */
  errmsg?: string;
}

/**
 * A JS-SDK signature as a page hands it to `wx.config` (kind 'corp', signed with the corp's jsapi_ticket)
 * or to `wx.agentConfig` (kind 'agent', signed with that app's agent_config ticket). wecom-protocol.md §4.7, §7.2.
 */
export type JsSdkSignatureInput = {
  /** The page URL that was signed; a `#fragment` is dropped before checking, as the WeCom client does. */
  url: string;
  /** Unix seconds, as passed to config/agentConfig. */
  timestamp: number;
  nonceStr: string;
  /** 40 lowercase hex digits of sha1. */
  signature: string;
} & ({ kind: 'corp' } | { kind: 'agent'; agentId: number });

/**
 * What the WeCom client would make of the signature: 0 'ok', 40093 'invalid signature', or
 * 42012 'jsapi_ticket invalid' (the ticket expired, or no valid ticket of that kind was issued).
 */
export interface JsSdkVerifyResult {
  errcode: number;
  errmsg: string;
}

/** Typed client of the control API under `/__sandbox/`. */
export interface SandboxControl {
  /** Back to the start-up settings and members; clears tokens, codes, tickets, consents, faults and counts. */
  reset(): Promise<void>;
  /** Replaces the whole directory. */
  seed(members: SandboxMember[]): Promise<void>;
  configure(settings: SandboxSettingsPatch): Promise<SandboxSettings>;
  fault(f: SandboxFault): Promise<void>;
  /** Drops every pending fault. */
  clearFaults(): Promise<void>;
  /** Calls per WeCom path since the last reset. */
  calls(): Promise<Record<string, number>>;
  resetCalls(): Promise<void>;
  /** Every access_token issued so far answers 40014 from now on. */
  revokeTokens(): Promise<void>;
  /**
   * Forgets the snsapi_privateinfo consents members gave (of one member when `userid` is given), so that
   * the consent page shows again.
   */
  forgetConsents(userid?: string): Promise<void>;
  /** Checks a signature against the JS-SDK tickets the sandbox issued; never throws for a bad signature. */
  verifyJsSdkSignature(input: JsSdkSignatureInput): Promise<JsSdkVerifyResult>;
}

export interface StartedSandbox {
  /** `http://127.0.0.1:PORT` */
  url: string;
  control: SandboxControl;
  close(): Promise<void>;
}

export interface StartSandboxOptions {
  /** 0 picks a free port. @default 0 */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  settings?: SandboxSettingsPatch;
  members?: SandboxMember[];
}
