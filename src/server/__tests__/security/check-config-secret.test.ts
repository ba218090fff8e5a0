import { recordCase } from '../../../testing/security-case';
import { asRoot, type Harness, SECRET, startHarness } from '../harness';
import { asNewUserWithRole, type Listener, startListener } from '../secret-support';

const LEAK = 'variable-value-never-shown-0042';

/**
 * "Check configuration" asked to send the saved Secret, or a NocoBase secret variable, somewhere else, or to render a
 * variable into the answer. Each asserts that the stranger's server heard nothing and that the answer holds neither
 * the secret nor the variable's value.
 */
describe('POST /api/wecom:checkConfig against its own secret', () => {
  let harness: Harness;
  let listener: Listener;

  beforeEach(async () => {
    harness = await startHarness();
    listener = await startListener();
    harness.app.environment.setVariable('WECOM_TEST_LEAK', LEAK, { isSecret: true });
  });

  afterEach(async () => {
    await listener.close();
    await harness.close();
  });

  const check = async (body: Record<string, unknown>) => (await asRoot(harness)).post('/wecom:checkConfig').send(body);

  const heardNothing = (answer: { text: string }): void => {
    expect(listener.heard).toEqual([]);
    expect(answer.text).not.toContain(SECRET);
    expect(answer.text).not.toContain(LEAK);
  };

  it.for([
    ['the API host', { apiBaseUrl: 'LISTENER' }],
    ['the API host and the Corp ID', { apiBaseUrl: 'LISTENER', corpId: 'wwattacker01' }],
    ['the API host and the AgentId', { apiBaseUrl: 'LISTENER', agentId: '1' }],
    ['the API host, with a trailing path', { apiBaseUrl: 'LISTENER/cgi-bin/../' }],
    ['the API host and the timeout', { apiBaseUrl: 'LISTENER', timeoutMs: 60000 }],
  ] as const)('does not send the saved secret to another host: %s', async ([, swap], { task }) => {
    const options = harness.options({ secret: '' });
    const answer = await check({
      name: 'wecom',
      options: {
        ...options,
        ...Object.fromEntries(
          Object.entries(swap).map(([key, value]) => [key, String(value).replace('LISTENER', listener.url)]),
        ),
      },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0]).toMatchObject({ code: 'SECRET_REQUIRED' });
    heardNothing(answer);
    recordCase(task, {
      endpoint: 'POST /api/wecom:checkConfig',
      outcome: '400 SECRET_REQUIRED, the other host heard nothing',
      userSaw: '"type the Secret to use another API base URL"',
    });
  });

  it('does not take the secret of an authenticator of another type that has the name', async ({ task }) => {
    await harness.app.db.getRepository('authenticators').create({
      values: {
        name: 'other',
        authType: 'Email/Password',
        enabled: true,
        options: { secret: 'other-types-secret-01' },
      },
    });
    const answer = await check({ name: 'other', options: harness.options({ secret: '', apiBaseUrl: listener.url }) });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0]).toMatchObject({ code: 'INVALID_SETTINGS', message: 'Secret is required' });
    heardNothing(answer);
    expect(answer.text).not.toContain('other-types-secret-01');
    recordCase(task, {
      endpoint: 'POST /api/wecom:checkConfig',
      outcome: '400, no secret taken from a non-WeCom authenticator',
      userSaw: '"Secret is required"',
    });
  });

  it('does not send a secret variable to another host', async ({ task }) => {
    const answer = await check({
      options: harness.options({ secret: '{{$env.WECOM_TEST_LEAK}}', apiBaseUrl: listener.url }),
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0]).toMatchObject({ code: 'SECRET_REQUIRED' });
    heardNothing(answer);
    recordCase(task, {
      endpoint: 'POST /api/wecom:checkConfig',
      outcome: '400 SECRET_REQUIRED, the other host heard nothing',
      userSaw: '"type the Secret to use another API base URL"',
    });
  });

  it('sends a typed secret where the caller says: it is the caller’s own', async ({ task }) => {
    const answer = await check({
      name: 'wecom',
      options: harness.options({ secret: 'typed-0001', apiBaseUrl: listener.url }),
    });
    expect(answer.status).toBe(200);
    expect(answer.body.data.ok).toBe(false);
    expect(listener.heard.map((request) => request.url)).toEqual([
      '/cgi-bin/gettoken?corpid=wwtestcorp000001&corpsecret=typed-0001',
    ]);
    expect(answer.text).not.toContain(SECRET);
    recordCase(task, {
      endpoint: 'POST /api/wecom:checkConfig',
      outcome: 'only the typed secret went to the typed host',
      userSaw: 'the findings',
    });
  });

  it.for([
    ['origin', 'https://{{$env.WECOM_TEST_LEAK}}.example'],
    ['origin', 'https://x{{ $env.WECOM_TEST_LEAK }}.example'],
    ['corpId', '{{$env.WECOM_TEST_LEAK}}'],
    ['agentId', '{{$env.WECOM_TEST_LEAK}}'],
    ['redirectPath', '/admin/{{$env.WECOM_TEST_LEAK}}'],
    ['timeoutMs', '{{$env.WECOM_TEST_LEAK}}'],
    ['note', '{{$env.WECOM_TEST_LEAK}}'],
  ] as const)('renders no variable in %s, and echoes none', async ([key, value], { task }) => {
    const answer = await check({ name: 'wecom', options: harness.options({ secret: '', [key]: value }) });
    expect(answer.status).toBeLessThan(500);
    heardNothing(answer);
    recordCase(task, {
      endpoint: 'POST /api/wecom:checkConfig',
      outcome: `${key} taken literally, nothing rendered`,
      userSaw: answer.status === 200 ? 'the findings, with the literal text' : 'a validation message',
    });
  });

  it('renders a plain variable, the only option that is, and shows it nowhere', async ({ task }) => {
    // A plain variable: every signed-in user may list its value, so it may go wherever a typed secret may.
    harness.app.environment.setVariable('WECOM_TEST_SECRET', SECRET, { isSecret: false });
    const answer = await check({ options: harness.options({ secret: '{{ $env.WECOM_TEST_SECRET }}' }) });
    expect(answer.status).toBe(200);
    expect(answer.body.data.ok).toBe(true);
    heardNothing(answer);
    recordCase(task, {
      endpoint: 'POST /api/wecom:checkConfig',
      outcome: 'the variable was used against WeCom, shown nowhere',
      userSaw: 'the findings',
    });
  });

  it('is refused to an anonymous visitor, who learns nothing', async ({ task }) => {
    const answer = await harness.app
      .agent()
      .post('/wecom:checkConfig')
      .send({ name: 'wecom', options: harness.options({ secret: '', apiBaseUrl: listener.url }) });
    expect(answer.status).toBe(401);
    heardNothing(answer);
    recordCase(task, { endpoint: 'POST /api/wecom:checkConfig', outcome: '401, nothing sent', userSaw: '401' });
  });

  it('is refused to a signed-in member without the authenticators snippet, who learns nothing', async ({ task }) => {
    const member = await asNewUserWithRole(harness, 'member');
    const answer = await member
      .post('/wecom:checkConfig')
      .send({ name: 'wecom', options: harness.options({ secret: '', apiBaseUrl: listener.url }) });
    expect(answer.status).toBe(403);
    heardNothing(answer);
    const typed = await member
      .post('/wecom:checkConfig')
      .send({ options: harness.options({ apiBaseUrl: listener.url }) });
    expect(typed.status).toBe(403);
    heardNothing(typed);
    recordCase(task, { endpoint: 'POST /api/wecom:checkConfig', outcome: '403, nothing sent', userSaw: '403' });
  });
});
