import Transport from 'winston-transport';
import { recordCase } from '../../../testing/security-case';
import { asRoot, type Harness, SECRET, startHarness } from '../harness';
import { asNewUserWithRole } from '../secret-support';

const TYPED = 'typed-into-the-form-0003';

/** Every entry NocoBase's request logger writes, as the objects its transports (console, files) serialise. */
class Recorder extends Transport {
  readonly entries: string[] = [];

  override log(info: unknown, done: () => void): void {
    this.entries.push(JSON.stringify(info));
    done();
  }
}

/**
 * NocoBase's request log (`request-logger.js`) writes each action's parameters, minus a fixed list of password
 * fields, for every answer, refused ones included. Writes of the WeCom Secret must leave it out.
 */
describe('NocoBase’s request log', () => {
  let harness: Harness;
  let recorder: Recorder;

  beforeAll(async () => {
    harness = await startHarness();
    recorder = new Recorder();
    const logger = harness.app.requestLogger;
    // The tests run NocoBase's loggers silent at level error; this one records everything, and only here.
    logger.clear();
    logger.add(recorder);
    logger.silent = false;
    logger.level = 'info';
  });

  afterAll(async () => {
    await harness.close();
  });

  /** The response entries of requests to `path`. */
  const responsesTo = (path: string): string[] =>
    recorder.entries.filter(
      (entry) => entry.includes(`"message":"response ${path}?`) || entry.includes(`"message":"response ${path}"`),
    );

  it('keeps out the secret of every write, accepted or refused', async ({ task }) => {
    const root = await asRoot(harness);
    const member = await asNewUserWithRole(harness, 'member');
    const options = harness.options({ autoLogin: false, secret: TYPED });
    const created = await root.post('/authenticators:create').send({ name: 'wecom2', authType: 'wecom', options });
    expect(created.status).toBe(200);
    const updated = await root
      .post(`/authenticators:update?filterByTk=${created.body.data.id}`)
      .send({ enabled: true, options: { ...options, secret: SECRET } });
    expect(updated.body.errors).toBeUndefined();
    expect(updated.status).toBe(200);
    const upserted = await root
      .post('/authenticators:updateOrCreate?filterKeys[]=name')
      .send({ name: 'wecom2', authType: 'wecom', options });
    expect(upserted.status).toBe(200);
    const invalid = await root
      .post('/authenticators:create')
      .send({ name: 'wecom3', authType: 'wecom', options: { ...options, corpId: '' } });
    expect(invalid.status).toBe(400);
    const refused = await member.post('/authenticators:create').send({ name: 'wecom4', authType: 'wecom', options });
    expect(refused.status).toBe(403);
    const checked = await root.post('/wecom:checkConfig').send({ name: 'wecom', options });
    expect(checked.status).toBe(200);
    const anonymous = await harness.app.agent().post('/wecom:checkConfig').send({ options });
    expect(anonymous.status).toBe(401);

    // The entries were written, with the parameters NocoBase logs, only without the secret.
    expect(responsesTo('/authenticators:create')).toHaveLength(3);
    expect(responsesTo('/authenticators:update')).toHaveLength(1);
    expect(responsesTo('/authenticators:updateOrCreate')).toHaveLength(1);
    expect(responsesTo('/wecom:checkConfig')).toHaveLength(2);
    const writes = [
      '/authenticators:create',
      '/authenticators:update',
      '/authenticators:updateOrCreate',
      '/wecom:checkConfig',
    ];
    for (const entry of writes.flatMap(responsesTo)) {
      expect(entry).toContain('"secret":"[secret]"');
    }
    const log = recorder.entries.join('\n');
    expect(log).not.toContain(TYPED);
    expect(log).not.toContain(SECRET);
    recordCase(task, {
      endpoint: 'POST /api/authenticators:create|update|updateOrCreate, /api/wecom:checkConfig',
      outcome: 'logged with the secret replaced',
      userSaw: 'nothing',
    });
  });
});
