import { recordCase } from '../../../testing/security-case';
import { FAILED_CALLBACKS_ALLOWED } from '../../failed-callbacks';
import { Browser, bindZhangSan, type Harness, startHarness, tokenOf, UA, whoAmI } from '../harness';

const ATTACKER = '203.0.113.7';

/**
 * A visitor who never signs in: starts a sign-in (free, anyone may) and sends its callback with a code of their own,
 * well-formed, so only WeCom can tell it is no code. From behind the proxy, so the address is the one it forwards.
 */
async function forgedCallback(harness: Harness, code: string | null, from = ATTACKER): Promise<string | null> {
  const agent = harness.app.agent();
  const started = await agent
    .post('/wecom:getAuthUrl')
    .set('X-Authenticator', 'wecom')
    .set('User-Agent', UA.desktopChrome)
    .set('X-Forwarded-For', from)
    .send({});
  const state = new URL(started.body.data.url as string).searchParams.get('state') ?? '';
  const answer = await agent
    .get('/wecom:redirect')
    .set('User-Agent', UA.desktopChrome)
    .set('X-Forwarded-For', from)
    .query(code === null ? { state } : { code, state });
  expect(answer.status).toBe(302);
  return new URL(answer.headers.location ?? '', 'http://nocobase.test').searchParams.get('error');
}

describe("callbacks with codes WeCom refuses: nobody who has not signed in spends the company's WeCom quota", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
    await bindZhangSan(harness);
  });

  afterAll(async () => {
    await harness.close();
  });

  it(`WeCom is asked for at most ${FAILED_CALLBACKS_ALLOWED} refused codes per address; members elsewhere sign in`, async ({
    task,
  }) => {
    await harness.sandbox.control.resetCalls();
    const seen: Array<string | null> = [];
    // Declined sign-ins (no code) count as well: each spent a state, and a person declines only now and then.
    seen.push(await forgedCallback(harness, null));
    for (let attempt = 1; attempt < FAILED_CALLBACKS_ALLOWED; attempt++) {
      seen.push(await forgedCallback(harness, `forged${attempt}`));
    }
    expect(seen).toEqual(['ACCESS_DENIED', ...Array(FAILED_CALLBACKS_ALLOWED - 1).fill('CODE_INVALID')]);
    expect((await harness.sandbox.control.calls())['/cgi-bin/auth/getuserinfo']).toBe(FAILED_CALLBACKS_ALLOWED - 1);

    const after = await Promise.all(Array.from({ length: 10 }, (_, index) => forgedCallback(harness, `late${index}`)));
    expect(after).toEqual(Array(10).fill('TOO_MANY_FAILED_SIGN_INS'));
    expect(await forgedCallback(harness, null)).toBe('TOO_MANY_FAILED_SIGN_INS');
    // Not one more WeCom call.
    expect((await harness.sandbox.control.calls())['/cgi-bin/auth/getuserinfo']).toBe(FAILED_CALLBACKS_ALLOWED - 1);

    // Another address, and a member from this machine's own: unaffected.
    expect(await forgedCallback(harness, 'forged-elsewhere', '198.51.100.2')).toBe('CODE_INVALID');
    const member = await new Browser(harness, UA.weComIos, 'zhangsan').signIn({ redirect: '/admin' });
    expect(await whoAmI(harness, tokenOf(member))).toMatchObject({ nickname: 'Zhang San' });
    recordCase(task, {
      endpoint: `GET /api/wecom:redirect with forged codes, ${FAILED_CALLBACKS_ALLOWED + 11} from one address`,
      outcome: `WeCom asked ${FAILED_CALLBACKS_ALLOWED - 1} times, then refused before WeCom; other addresses unaffected`,
      userSaw: 'CODE_INVALID, then TOO_MANY_FAILED_SIGN_INS',
    });
  });

  it('a forged X-Forwarded-For from a client that reached the server directly names no other address', async ({
    task,
  }) => {
    const { clientAddress } = await import('../../client-address');
    // The peer is the judge: a public peer is the client whatever it forwards; a proxy on loopback is believed.
    expect(clientAddress({ peer: '198.51.100.9', forwardedFor: '10.0.0.1, 192.0.2.4' })).toBe('198.51.100.9');
    expect(clientAddress({ peer: '127.0.0.1', forwardedFor: '192.0.2.4, 198.51.100.9' })).toBe('198.51.100.9');
    recordCase(task, {
      endpoint: 'X-Forwarded-For on any request',
      outcome:
        'only a proxy on loopback, a private network or 100.64.0.0/10 (or named in WECOM_TRUSTED_PROXIES) is believed',
      userSaw: 'nothing',
    });
  });
});
