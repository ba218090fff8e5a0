import { recordCase } from '../../../testing/security-case';
import { asRoot, Browser, bindings, bindZhangSan, type Harness, startHarness, tokenOf, UA, whoAmI } from '../harness';

/** `wecom:linkMember`: how an administrator links the members that linking by phone leaves to them. */
describe('linking a WeCom member by hand', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness({ options: { linkByPhone: 'never' } });
  });

  afterEach(async () => {
    await harness.close();
  });

  async function userId(nickname: string): Promise<number> {
    const user = await harness.app.db.getRepository('users').findOne({ filter: { nickname } });
    return Number(user?.get('id'));
  }

  it('lets root link a member, who then signs in silently', async ({ task }) => {
    const zhangSan = await userId('Zhang San');
    const answer = await (await asRoot(harness))
      .post('/wecom:linkMember')
      .send({ authenticator: 'wecom', userid: 'zhangsan', userId: zhangSan });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ authenticator: 'wecom', userid: 'zhangsan', userId: zhangSan });
    expect(await bindings(harness)).toEqual([{ uuid: 'zhangsan', userId: zhangSan }]);

    const result = await new Browser(harness, UA.weComIos, 'zhangsan').signIn();
    expect(await whoAmI(harness, tokenOf(result))).toMatchObject({ nickname: 'Zhang San' });
    recordCase(task, {
      endpoint: 'POST /api/wecom:linkMember (root), then GET /api/wecom:redirect',
      outcome: 'root links the member; one binding; the member then signs in silently',
      userSaw: '200; member signed in as Zhang San',
    });
  });

  it('refuses a member role, and anyone signed out', async ({ task }) => {
    const member = await harness.app.db
      .getRepository('users')
      .create({ values: { nickname: 'Mallory', roles: ['member'] } });
    const asMember = await harness.app.agent().login(member, 'member');
    const values = { authenticator: 'wecom', userid: 'mallory', userId: 1 };
    expect((await asMember.post('/wecom:linkMember').send(values)).status).toBe(403);
    expect((await harness.app.agent().post('/wecom:linkMember').send(values)).status).toBe(401);
    expect(await bindings(harness)).toEqual([]);
    recordCase(task, {
      endpoint: 'POST /api/wecom:linkMember',
      outcome: 'member role and signed-out caller refused; nothing linked',
      userSaw: '403 (member role), 401 (signed out)',
    });
  });

  it('refuses a member already linked to another user, and a user linked to another member', async ({ task }) => {
    await bindZhangSan(harness);
    const root = await asRoot(harness);
    const taken = await root.post('/wecom:linkMember').send({ authenticator: 'wecom', userid: 'zhangsan', userId: 1 });
    expect(taken.status).toBe(409);
    expect(taken.body.errors[0]).toMatchObject({
      code: 'MEMBER_ALREADY_LINKED',
      message: 'This WeCom member is already linked to another NocoBase user.',
    });
    const zhangSan = await userId('Zhang San');
    const other = await root
      .post('/wecom:linkMember')
      .set('X-Locale', 'zh-CN')
      .send({ authenticator: 'wecom', userid: 'lisi', userId: zhangSan });
    expect(other.status).toBe(409);
    expect(other.body.errors[0]).toMatchObject({
      code: 'USER_ALREADY_LINKED',
      message: '该 NocoBase 用户已关联此认证器的其他企业微信成员。',
    });
    // Linking the same pair again is no error and no second row.
    const same = await root
      .post('/wecom:linkMember')
      .send({ authenticator: 'wecom', userid: 'zhangsan', userId: zhangSan });
    expect(same.status).toBe(200);
    expect(await bindings(harness)).toEqual([{ uuid: 'zhangsan', userId: zhangSan }]);
    recordCase(task, {
      endpoint: 'POST /api/wecom:linkMember (root)',
      outcome: 'neither member nor user linked twice; the same pair again adds no row',
      userSaw: '409 MEMBER_ALREADY_LINKED, 409 USER_ALREADY_LINKED (in Chinese when asked)',
    });
  });

  it.for<[values: Record<string, unknown>, status: number, code: string]>([
    [{ authenticator: 'wecom', userid: 'lisi', userId: 9999 }, 404, 'USER_NOT_FOUND'],
    [{ authenticator: 'basic', userid: 'lisi', userId: 1 }, 400, 'AUTHENTICATOR_UNAVAILABLE'],
    [{ authenticator: 'wecom', userid: 'has space', userId: 1 }, 400, 'INVALID_INPUT'],
    [{ authenticator: 'wecom', userid: 'lisi' }, 400, 'INVALID_INPUT'],
  ])('refuses %j with %i %s', async ([values, status, code], { task }) => {
    const answer = await (await asRoot(harness)).post('/wecom:linkMember').send(values);
    expect(answer.status).toBe(status);
    expect(answer.body.errors[0].code).toBe(code);
    expect(await bindings(harness)).toEqual([]);
    recordCase(task, {
      endpoint: 'POST /api/wecom:linkMember (root)',
      outcome: 'refused; nothing linked',
      userSaw: `${status} ${code}`,
    });
  });
});
