import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { recordFaultOutcome, startFaultCell } from '../../../testing/fault-case';
import { deleteRedisKeys, uniqueRedisPrefix } from '../../../testing/redis';
import { type Harness, ORIGIN, startHarness, tokenOf, UA, whoAmI } from '../harness';
import {
  authorizeTrips,
  callsText,
  forgetSignIns,
  halfDoneText,
  seededUserIds,
  snapshotOf,
  TimedBrowser,
  withinDeadline,
} from './fault-bench';

/** Long enough for a call to be in flight while its node goes; the answer never comes (the connection drops). */
const IN_FLIGHT_MS = 1500;

/** The Cookie header of what our server set in this browser and did not clear. */
function cookiesOf(browser: TimedBrowser): string {
  const jar = new Map<string, string>();
  for (const line of browser.cookiesSet) {
    const [pair = ''] = line.split(';');
    const at = pair.indexOf('=');
    jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
  return [...jar]
    .filter(([, value]) => value !== '')
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
}

/**
 * Two NocoBase nodes in one process, as one cluster: one PostgreSQL database, one Redis, each with its own locks.
 * One node goes in the middle of a sign-in; the member signs in on the other, and nothing is left half-done.
 * (The cluster suite kills real processes; these close a node in this one.)
 */
describe('a node lost in the middle of a sign-in', () => {
  let redisPrefix: string;
  let survivor: Harness;
  let seeded: number[];
  let lost: Harness | null = null;

  beforeAll(async () => {
    redisPrefix = uniqueRedisPrefix('wecom-faults');
    survivor = await startHarness({ database: 'postgres', redisPrefix, nodeLocalLocks: true });
    seeded = await seededUserIds(survivor);
  });

  afterAll(async () => {
    await survivor.close();
    await deleteRedisKeys(redisPrefix);
  });

  beforeEach(async () => {
    await forgetSignIns(survivor, seeded);
    lost = await startHarness({ joining: survivor, nodeLocalLocks: true });
  });

  afterEach(async () => {
    await lost?.close();
    lost = null;
  });

  const setAutoSignup = (autoSignup: boolean) =>
    survivor.app.db
      .getRepository('authenticators')
      .update({ filter: { name: 'wecom' }, values: { options: survivor.options({ autoSignup }) } });

  /** On the node that will go: the silent round, then WeCom's consent; returns WeCom's callback, not yet opened. */
  async function consentedOn(node: Harness, browser: TimedBrowser): Promise<string> {
    const started = await browser.getAuthUrl({ redirect: '/admin' });
    expect(started.status).toBe(200);
    const silent = await browser.openNocoBase(await browser.passWeCom(started.body.data.url));
    const consent = silent.headers.location ?? '';
    expect(consent).toContain('scope=snsapi_privateinfo');
    expect(node).toBe(lost);
    return browser.passWeCom(consent);
  }

  async function closeLostNode(): Promise<void> {
    await lost?.app.destroy();
    lost = null;
  }

  it('finishes on the other node a sign-in whose consent round the lost node started', async ({ task }) => {
    startFaultCell(task, {
      call: '– (between two calls)',
      fault: 'node closed after the consent round',
      flow: 'in the client, first sign-in, linked by phone, two nodes',
    });
    const node = lost as Harness;
    const before = await snapshotOf(survivor);
    const browser = new TimedBrowser(node, UA.weComIos, 'zhangsan');
    const callback = new URL(await consentedOn(node, browser));
    await closeLostNode();

    const started = performance.now();
    const finished = await withinDeadline(
      survivor.app
        .agent()
        .get(`/wecom:redirect${callback.search}`)
        .set('Cookie', cookiesOf(browser))
        .set('User-Agent', UA.weComIos),
      'GET /api/wecom:redirect on the other node',
    );
    const ms = Math.round(performance.now() - started);
    const landing = new URL(finished.headers.location ?? '', ORIGIN);
    expect(`${landing.origin}${landing.pathname}`).toBe(`${ORIGIN}/admin`);
    const me = await whoAmI(survivor, tokenOf({ location: landing }));
    expect(me).toMatchObject({ status: 200, nickname: 'Zhang San' });
    const after = await snapshotOf(survivor);
    expect(after.users).toEqual(before.users);
    expect(after.bindings).toEqual([{ authenticator: 'wecom', uuid: 'zhangsan', userId: me.id }]);
    const calls = await survivor.sandbox.control.calls();
    expect(authorizeTrips(calls)).toBe(2);
    recordFaultOutcome(task, {
      userSaw: 'signed in as Zhang San on the other node, on /admin',
      time: `${ms} ms (the other node's callback)`,
      calls: callsText(calls),
      log: '–',
      halfDone: halfDoneText(before, after),
    });
  });

  it.for([
    [
      'links by phone, once, when the lost node went while asking WeCom for the phone number',
      { call: '/cgi-bin/auth/getuserdetail', member: 'zhangsan', nickname: 'Zhang San', autoSignup: false },
    ],
    [
      'creates the user once, when the lost node went while asking WeCom for the new user’s name',
      { call: '/cgi-bin/user/get', member: 'lisi', nickname: '李四', autoSignup: true },
    ],
  ] as const)('%s', async ([, cell], { task }) => {
    startFaultCell(task, {
      call: cell.call,
      fault: 'node closed while the call is in flight',
      flow: `in the client, first sign-in, ${cell.autoSignup ? 'automatic sign-up' : 'linked by phone'}, two nodes`,
    });
    await setAutoSignup(cell.autoSignup);
    try {
      const node = lost as Harness;
      const before = await snapshotOf(survivor);
      const browser = new TimedBrowser(node, UA.weComIos, cell.member);
      const callback = new URL(await consentedOn(node, browser));

      // The callback over a socket of the node's own, so that closing the node cuts the browser off as a kill does.
      const server = createServer(node.app.callback());
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      await survivor.sandbox.control.fault({ endpoint: cell.call, count: 1, delayMs: IN_FLIGHT_MS, drop: true });
      const started = performance.now();
      const inFlight = fetch(`http://127.0.0.1:${port}/wecom:redirect${callback.search}`, {
        headers: { Cookie: cookiesOf(browser), 'User-Agent': UA.weComIos },
        redirect: 'manual',
      }).then(
        (answer) => `answered ${answer.status}`,
        (error: Error) => error.message,
      );
      await withinDeadline(
        (async () => {
          while (((await survivor.sandbox.control.calls())[cell.call] ?? 0) === 0) await sleep(20);
        })(),
        `the call to ${cell.call}`,
      );
      server.closeAllConnections();
      server.close();
      await closeLostNode();
      const browserSaw = await withinDeadline(inFlight, 'the callback to the lost node');
      const ms = Math.round(performance.now() - started);
      expect(browserSaw).toBe('fetch failed');
      // Whatever the lost node's request still does once WeCom drops its call, it leaves nothing behind.
      await sleep(IN_FLIGHT_MS);
      const afterLoss = await snapshotOf(survivor);
      expect(afterLoss).toEqual(before);

      const retry = new TimedBrowser(survivor, UA.weComIos, cell.member);
      const result = await retry.signIn();
      const me = await whoAmI(survivor, tokenOf(result));
      expect(me).toMatchObject({ status: 200, nickname: cell.nickname });
      const after = await snapshotOf(survivor);
      expect(after.bindings).toEqual([{ authenticator: 'wecom', uuid: cell.member, userId: me.id }]);
      expect(after.users.length).toBe(before.users.length + (cell.autoSignup ? 1 : 0));
      const calls = await survivor.sandbox.control.calls();
      recordFaultOutcome(task, {
        userSaw: `the callback failed (${browserSaw}); signing in again from the start on the other node: signed in as ${cell.nickname}`,
        time: `${ms} ms until the browser's request failed; the retry's longest ${retry.timeText}`,
        calls: callsText(calls),
        log: '–',
        halfDone: `${halfDoneText(before, afterLoss)} after the loss; ${halfDoneText(before, after)} after the retry`,
      });
    } finally {
      await setAutoSignup(false);
    }
  });
});
