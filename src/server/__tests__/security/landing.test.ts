import { recordCase } from '../../../testing/security-case';
import { Browser, bindZhangSan, type Harness, landedSession, ORIGIN, startHarness, tokenOf, UA } from '../harness';

/** Pages an attacker asks a sign-in to land on: other hosts, server routes in every spelling, tokens, loops. */
const HOSTILE_LANDINGS: Array<[kind: string, redirect: string]> = [
  ['protocol-relative', '//evil.example/x'],
  ['backslash host', '/\\evil.example'],
  ['absolute URL', 'https://evil.example/admin'],
  ['javascript:', 'javascript:alert(1)'],
  ['dot segments to another host', '/a/..//evil.example'],
  ['encoded dot segments to another host', '/a/%2e%2e//evil.example'],
  ['an API action', '/api/users:destroy?filterByTk=1'],
  ['an API action in capitals', '/API/users:destroy?filterByTk=1'],
  ['an API action behind dot segments', '/admin/../api/users:destroy?filterByTk=1'],
  ['an API action behind encoded dots', '/admin/%2e%2e/api/roles:destroy?filterByTk=admin'],
  ['an API action behind an encoded slash', '/admin/..%2fapi/authenticators:destroy'],
  ['an API action behind backslashes', '/admin\\..\\api\\collections:destroy'],
  ['a loop through authorize', '/api/wecom:authorize?authenticator=wecom&redirect=/admin'],
  ['uploads', '/storage/uploads/secret.pdf'],
  ['plugin statics', '/static/plugins/@nocobase/plugin-acl/dist/client/index.js'],
  ['a token in the query', '/admin?token=eyJhbGciOiJIUzI1NiJ9.e30.x'],
  ['an encoded token in the query', '/admin?tok%65n=eyJhbGciOiJIUzI1NiJ9.e30.x'],
  ['an authenticator in the query', '/admin?authenticator=basic'],
  ['a sign-in page sent off-site', '/signin?redirect=//evil.example'],
  ['a sign-in page sent to the API', '/signin?redirect=/api/users:destroy'],
  ['control characters', '/admin\r\nSet-Cookie: x=1'],
  ['an overlong path', `/admin/${'a'.repeat(2100)}`],
];

describe('where a sign-in may land', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
    await bindZhangSan(harness);
  });

  afterAll(async () => {
    await harness.close();
  });

  it.for(HOSTILE_LANDINGS)('getAuthUrl refuses %s and issues nothing', async ([, redirect], { task }) => {
    const answer = await new Browser(harness, UA.weComIos, 'zhangsan').getAuthUrl({ redirect });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0]).toEqual({
      code: 'REDIRECT_INVALID',
      message: 'The page to return to must be on this site.',
    });
    expect(answer.headers['set-cookie']).toBeUndefined();
    recordCase(task, {
      endpoint: 'POST /api/wecom:getAuthUrl',
      outcome: 'refused, no state or cookie issued',
      userSaw: 'REDIRECT_INVALID',
    });
  });

  it.for(HOSTILE_LANDINGS)(
    'the homepage link refuses %s, named or not: the sign-in page, without it, never WeCom',
    async ([, redirect], { task }) => {
      // Without a name the server takes the automatic-login authenticator, and judges the landing the same.
      for (const named of [{ authenticator: 'wecom' }, {}]) {
        const answer = await new Browser(harness, UA.weComIos, 'zhangsan').agent
          .get('/wecom:authorize')
          .set('User-Agent', UA.weComIos)
          .query({ ...named, redirect });
        expect(answer.status).toBe(302);
        expect(answer.headers.location).toBe(`${ORIGIN}/signin?error=REDIRECT_INVALID&authenticator=wecom`);
        expect(answer.headers['set-cookie']).toBeUndefined();
      }
      recordCase(task, {
        endpoint: 'GET /api/wecom:authorize',
        outcome: 'refused; the sign-in page gets no redirect',
        userSaw: 'sign-in page, REDIRECT_INVALID',
      });
    },
  );

  it('a refused sign-in hands the sign-in page only a landing the rule accepts', async ({ task }) => {
    const browser = new Browser(harness, UA.weComIos, 'zhangsan');
    const unknown = await browser.agent.get('/wecom:authorize').query({ authenticator: 'nope', redirect: '/m/x?y=1' });
    expect(unknown.headers.location).toBe('/signin?error=AUTHENTICATOR_UNAVAILABLE&redirect=%2Fm%2Fx%3Fy%3D1');
    const hostile = await browser.agent
      .get('/wecom:authorize')
      .query({ authenticator: 'nope', redirect: '/a/..//evil.example' });
    expect(hostile.headers.location).toBe('/signin?error=AUTHENTICATOR_UNAVAILABLE');
    const modern = await browser.agent.get('/wecom:authorize').query({ authenticator: 'nope', redirect: '/v/admin' });
    expect(modern.headers.location).toBe('/v/signin?error=AUTHENTICATOR_UNAVAILABLE&redirect=%2Fv%2Fadmin');
    recordCase(task, {
      endpoint: 'GET /api/wecom:authorize → /signin?redirect=',
      outcome: 'the sign-in page’s redirect is judged by the same rule',
      userSaw: 'sign-in page of the right shell',
    });
  });

  it.for([
    ['/admin/../m/tasks?tab=2#row', '/m/tasks?tab=2', '#row'],
    ['/admin/%2e%2e/m', '/m', ''],
    ['/admin\\settings', '/admin/settings', ''],
    ['/v/admin/x#/a?b=1', '/v/admin/x', '#/a?b=1'],
  ])('lands on exactly what it judged: %s → %s', async ([redirect, path, hash], { task }) => {
    const result = await new Browser(harness, UA.weComIos, 'zhangsan').signIn({ redirect });
    expect(`${result.location.origin}${result.location.pathname}${result.location.search}`).toBe(`${ORIGIN}${path}`);
    expect(landedSession(result.location)?.hash).toBe(hash);
    expect(tokenOf(result)).not.toBe('');
    recordCase(task, {
      endpoint: 'GET /api/wecom:redirect',
      outcome: 'lands on the normalised path, never the raw input',
      userSaw: `${path}${hash}, signed in`,
    });
  });
});
