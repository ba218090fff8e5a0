import { setTimeout as sleep } from 'node:timers/promises';
import type { KilledNode } from '../../../testing/cluster.ts';
import { HttpBrowser } from '../../../testing/http-browser.ts';
import type { AccessLogEntry } from '../../../testing/nginx-access-log.ts';
import { whoIs } from '../../../testing/nocobase-api.ts';
import { passWeCom } from '../../../testing/wecom-member.ts';
import { AUTHENTICATOR } from './cluster-info.ts';
import {
  accessLogOnce,
  answeredBy,
  type Cluster,
  entriesTagged,
  linkedMembers,
  memberFor,
  printSummary,
  readAccessLog,
  type SignInOutcome,
  signInInClient,
  taggedWeComAgent,
  tagOf,
  tally,
  theCluster,
  uniqueTag,
} from './support.ts';

/**
 * A node dies (SIGKILL: a crash, the OOM killer) and comes back. nginx sends what the dead node cannot take to the
 * other one; what only the dead node held is the requests it had in flight. Nothing else may be lost.
 */

const cluster: Cluster = theCluster();

function nodeAt(address: string | undefined): Cluster['nodes'][number] {
  const node = cluster.nodes.find((candidate) => candidate.address === address);
  if (!node) throw new Error(`no node at ${address}`);
  return node;
}

const ms = (from: number, to: number): string => `${((to - from) / 1000).toFixed(1)} s`;

describe('a node of the cluster killed', () => {
  it('in the middle of a sign-in started on it: the sign-in finishes on the other node', async () => {
    const [member] = await linkedMembers(cluster, 'killed', 1);
    if (!member) throw new Error('no member');
    const tag = uniqueTag('killed');
    const browser = new HttpBrowser(cluster.url, taggedWeComAgent(tag), member.userid);
    const weComUrl = await browser.getAuthUrl(AUTHENTICATOR, '/admin/after-a-crash');
    const [start] = entriesTagged(await accessLogOnce(cluster, (all) => entriesTagged(all, tag).length >= 1), tag);
    const victim = nodeAt(start && answeredBy(start));
    let killed: KilledNode | undefined;
    try {
      killed = await cluster.control.kill(victim.index);
      // Round robin gives the next request to the node still up and the callback to the dead one, which nginx must
      // then pass on: the case of a browser whose callback comes back while its node is down.
      await fetch(`${cluster.url}/api/__health_check`, { headers: { 'user-agent': taggedWeComAgent(tag) } });

      const result = await browser.follow(await passWeCom(weComUrl, browser));

      const [, , finish] = entriesTagged(
        await accessLogOnce(cluster, (all) => entriesTagged(all, tag).length >= 3),
        tag,
      );
      const who = await whoIs(cluster.url, result.token ?? '', AUTHENTICATOR);
      printSummary('A sign-in started on a node that is then killed (SIGKILL)', [
        ['started (getAuthUrl) on', '', victim.address],
        [
          'callback tried on, in order',
          'the dead node, then the other',
          finish?.upstreams.join(' then ') ?? 'not logged',
        ],
        ['callback answer', '302 to the landing', `${finish?.status} to ${result.landed.pathname}`],
        ['signed in as', member.name, who.user?.nickname ?? `nobody (${result.error ?? 'no token'})`],
      ]);
      expect(finish?.upstreams[0], 'round robin sent the callback to the dead node first').toBe(victim.address);
      expect.soft(finish && answeredBy(finish)).not.toBe(victim.address);
      expect.soft(result.landed.pathname).toBe('/admin/after-a-crash');
      expect.soft(who.user?.nickname).toBe(member.name);
    } finally {
      if (killed) await cluster.control.start(victim.index);
    }
    // Back in the cluster, it knows the member's sessions like the other node.
    const again = await signInInClient(cluster, member, `${tag}-after`);
    expect((await whoIs(victim.url, again.token ?? '', AUTHENTICATOR)).user).toMatchObject({ nickname: member.name });
  });

  it('and started again during load loses no sign-in that had not yet reached it', async () => {
    const members = await linkedMembers(cluster, 'restart', 8);
    const victim = cluster.nodes[0];
    if (!victim) throw new Error('no node');
    const tag = uniqueTag('restart');
    const outcomes: SignInOutcome[] = [];
    let next = 0;
    let stopping = false;
    const worker = async (): Promise<void> => {
      while (!stopping) {
        const index = next++;
        outcomes.push(await signInInClient(cluster, memberFor(members, index), `${tag}-${index}`));
      }
    };
    const logStart = readAccessLog(cluster).length;
    const started = Date.now();
    const workers = Array.from({ length: 4 }, worker);
    let killed: KilledNode | undefined;
    let backAt = 0;
    try {
      await sleep(3_000);
      killed = await cluster.control.kill(victim.index);
      await cluster.control.start(victim.index);
      backAt = Date.now();
      // Long enough for nginx to take the node back after its failures (fail_timeout 2 s) and give it its share.
      await sleep(4_000);
    } finally {
      stopping = true;
      await Promise.all(workers);
      if (killed && !backAt) await cluster.control.start(victim.index);
    }
    if (!killed) throw new Error('the node was not killed');
    const gone = killed.goneAt;

    const entries = readAccessLog(cluster)
      .slice(logStart)
      .filter((entry) => tagOf(entry).startsWith(`${tag}-`));
    // In flight on the node when it died: sent to it before it was gone, not answered before the signal.
    const inFlightOnVictim = (entry: AccessLogEntry): boolean =>
      entry.upstreams.includes(victim.address) &&
      entry.startedAt <= gone &&
      entry.endedAt >= (killed?.signalledAt ?? 0);
    const reachedVictimBeforeItDied = new Set(entries.filter(inFlightOnVictim).map(tagOf));
    const failed = outcomes.filter((outcome) => !outcome.token);
    const lost = failed.filter((outcome) => !reachedVictimBeforeItDied.has(outcome.tag));
    const whileDown = outcomes.filter((outcome) => outcome.startedAt >= gone && outcome.endedAt <= backAt);
    const victimAfter = entries.filter((entry) => answeredBy(entry) === victim.address && entry.startedAt >= backAt);
    const retried = entries.filter((entry) => entry.upstreams.length > 1);
    const serverErrors = entries.filter((entry) => entry.status >= 500);
    printSummary(`Node ${victim.index} killed (SIGKILL) and started again under 4 concurrent sign-ins`, [
      ['sign-ins', '', `${outcomes.length} in ${ms(started, Date.now())}`],
      ['node down', '', `${ms(killed.signalledAt, backAt)} (gone ${ms(killed.signalledAt, gone)} after SIGKILL)`],
      ['… signed in meanwhile', 'some', String(whileDown.filter((outcome) => outcome.token).length)],
      [
        'failed',
        'only ones it had in flight',
        `${failed.length}: ${tally(failed.map((o) => o.error ?? o.failure ?? ''))}`,
      ],
      ['failed without a request in flight on it when it died', '0', String(lost.length)],
      [
        'requests nginx sent on to the other node',
        '',
        `${retried.length}: ${tally(retried.map((e) => e.upstreamStatuses.join(' then ')))}`,
      ],
      [
        '5xx answers to the browser',
        'only ones it had in flight',
        tally(serverErrors.map((e) => `${e.status} ${e.path}`)),
      ],
      [`answered by node ${victim.index} after its restart`, 'some', String(victimAfter.length)],
    ]);

    expect.soft(lost.map((outcome) => `${outcome.tag}: ${outcome.error ?? outcome.failure}`)).toEqual([]);
    expect
      .soft(serverErrors.filter((entry) => !inFlightOnVictim(entry)).map((e) => `${e.status} ${e.path}`))
      .toEqual([]);
    expect.soft(whileDown.filter((outcome) => outcome.token).length).toBeGreaterThan(0);
    expect.soft(victimAfter.length).toBeGreaterThan(0);
  });
});
