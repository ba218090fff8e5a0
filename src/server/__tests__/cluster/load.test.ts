import { decodeLandingSession } from '../../../shared/session-fragment.ts';
import { HttpBrowser } from '../../../testing/http-browser.ts';
import type { AccessLogEntry } from '../../../testing/nginx-access-log.ts';
import { bareMobile } from '../../../testing/sandbox-members.ts';
import { passWeCom } from '../../../testing/wecom-member.ts';
import { FAILED_CALLBACKS_ALLOWED } from '../../failed-callbacks.ts';
import { AUTHENTICATOR } from './cluster-info.ts';
import {
  accessLogOnce,
  addNewMembers,
  answeredBy,
  type Cluster,
  emptyClusterCache,
  entriesTagged,
  forgetFailedCallbacks,
  linkedMembers,
  memberFor,
  printSummary,
  queryDatabase,
  type SignInOutcome,
  signInInClient,
  taggedWeComAgent,
  tagOf,
  tally,
  theCluster,
  uniqueTag,
  userIdOf,
  usersAndBindings,
} from './support.ts';

/** The load rules, on the whole cluster at once: what both nodes did together is what is counted. */

const cluster: Cluster = theCluster();

/** nginx's log of these sign-ins, read once the callback of each that landed is in it. */
async function logOf(outcomes: SignInOutcome[]): Promise<AccessLogEntry[]> {
  const landed = outcomes.filter((outcome) => outcome.landed).map((outcome) => outcome.tag);
  const tags = new Set(outcomes.map((outcome) => outcome.tag));
  const entries = await accessLogOnce(cluster, (all) =>
    landed.every((tag) => entriesTagged(all, tag).some((entry) => entry.path === '/api/wecom:redirect')),
  );
  return entries.filter((entry) => tags.has(tagOf(entry)));
}

function describeOutcomes(outcomes: SignInOutcome[]): string {
  const signedIn = outcomes.filter((outcome) => outcome.token).length;
  const errors = outcomes.filter((outcome) => !outcome.token && outcome.error).map((outcome) => outcome.error ?? '');
  const failures = outcomes.filter((outcome) => outcome.failure).length;
  return `${signedIn} signed in; errors ${tally(errors)}; no landing ${failures}`;
}

function callbacksPerNode(entries: AccessLogEntry[]): string {
  return tally(
    entries.filter((entry) => entry.path === '/api/wecom:redirect').map((entry) => answeredBy(entry) ?? '-'),
  );
}

function nodesServing(entries: AccessLogEntry[]): Set<string> {
  return new Set(entries.map(answeredBy).filter((node): node is string => node !== undefined));
}

describe('the cluster under load', () => {
  it('signs 50 new members in 200 times at once over both nodes: 50 users, 50 bindings, one gettoken, no 5xx', async () => {
    const members = await addNewMembers(cluster, 'load', 50);
    // A cold cache: the first WeCom calls of both nodes need an access token at the same moment.
    await emptyClusterCache(cluster);
    await cluster.sandbox.resetCalls();
    const tag = uniqueTag('load');

    const outcomes = await Promise.all(
      Array.from({ length: 200 }, (_, index) => signInInClient(cluster, memberFor(members, index), `${tag}-${index}`)),
    );

    const calls = await cluster.sandbox.calls();
    const { usersPerPhone, bindingsPerMember } = await usersAndBindings(cluster, members);
    const userOfPhone = new Map(
      (
        await queryDatabase<{ id: string; phone: string }>(
          cluster,
          'SELECT id, phone FROM "users" WHERE phone = ANY($1)',
          [members.map(bareMobile)],
        )
      ).map((row) => [row.phone, Number(row.id)]),
    );
    const asOwnUser = await Promise.all(
      outcomes.map(async (outcome) => {
        const member = members.find((candidate) => candidate.userid === outcome.userid);
        if (!outcome.token || !member) return false;
        return (await userIdOf(cluster, outcome.token)) === userOfPhone.get(bareMobile(member));
      }),
    );
    const entries = await logOf(outcomes);
    const users = [...usersPerPhone.values()].reduce((sum, count) => sum + count, 0);
    const bindings = [...bindingsPerMember.values()].reduce((sum, count) => sum + count, 0);
    const gettoken = calls['/cgi-bin/gettoken'] ?? 0;
    const serverErrors = entries.filter((entry) => entry.status >= 500);
    printSummary('200 first sign-ins of 50 members at once, over both nodes, automatic sign-up', [
      ['sign-ins', '200 signed in', describeOutcomes(outcomes)],
      ['… each as its own member’s user', '200', String(asOwnUser.filter(Boolean).length)],
      ['users with the members’ phones', '50, one a phone', `${users} (${usersPerPhone.size} phones)`],
      ['bindings of the members', '50, one a member', `${bindings} (${bindingsPerMember.size} members)`],
      ['gettoken calls (sandbox)', 'at most 1', String(gettoken)],
      ['WeCom calls (sandbox)', '', tally(Object.entries(calls).flatMap(([path, n]) => Array(n).fill(path)))],
      ['nginx answers', 'no 5xx', tally(entries.map((entry) => entry.status))],
      ['callbacks answered per node', 'both nodes', callbacksPerNode(entries)],
    ]);

    expect.soft([...usersPerPhone.values()].filter((count) => count !== 1)).toEqual([]);
    expect.soft(users).toBe(50);
    expect.soft([...bindingsPerMember.values()].filter((count) => count !== 1)).toEqual([]);
    expect.soft(bindings).toBe(50);
    expect.soft(gettoken).toBeLessThanOrEqual(1);
    expect.soft(serverErrors.map((entry) => `${entry.status} ${entry.method} ${entry.path}`)).toEqual([]);
    expect.soft(outcomes.filter((outcome) => !outcome.token).map((o) => o.error ?? o.failure)).toEqual([]);
    expect.soft(asOwnUser.filter((own) => !own).length).toBe(0);
    expect.soft(nodesServing(entries).size).toBe(2);
  });

  it('signs in exactly once when the same callback is replayed on both nodes at once', async () => {
    const [member] = await linkedMembers(cluster, 'replay', 1);
    if (!member) throw new Error('no member');
    const tag = uniqueTag('replay');
    const browser = new HttpBrowser(cluster.url, taggedWeComAgent(tag), member.userid);
    const callback = await passWeCom(await browser.getAuthUrl(AUTHENTICATOR), browser);
    const [user] = await queryDatabase<{ userId: string }>(
      cluster,
      'SELECT "userId" FROM "usersAuthenticators" WHERE authenticator = $1 AND uuid = $2',
      [AUTHENTICATOR, member.userid],
    );
    const tokensIssued = async (): Promise<number> =>
      Number(
        (
          await queryDatabase<{ count: string }>(
            cluster,
            'SELECT count(*) AS count FROM "issuedTokens" WHERE "userId" = $1',
            [user?.userId],
          )
        )[0]?.count,
      );
    const tokensBefore = await tokensIssued();
    await cluster.sandbox.resetCalls();

    // Eight copies of the request, with the browser's cookie, all sent before any is answered.
    const answers = await Promise.all(Array.from({ length: 8 }, () => browser.request(callback)));

    const landings = answers.map((answer) => new URL(answer.headers.get('location') ?? '/', cluster.url));
    const signedIn = landings.filter((landing) => decodeLandingSession(landing.hash)?.token);
    const refusals = landings
      .filter((landing) => !decodeLandingSession(landing.hash))
      .map((l) => l.searchParams.get('error'));
    const entries = entriesTagged(
      await accessLogOnce(cluster, (all) => entriesTagged(all, tag).length >= 9),
      tag,
    ).filter((entry) => entry.path === '/api/wecom:redirect');
    const calls = await cluster.sandbox.calls();
    const tokensAfter = await tokensIssued();
    printSummary('One callback sent 8 times at once, through nginx to both nodes', [
      ['signed in', '1', String(signedIn.length)],
      ['refused', '7', tally(refusals.map((code) => code ?? 'none'))],
      ['tokens issued to the member', '1', String(tokensAfter - tokensBefore)],
      ['auth/getuserinfo calls (sandbox)', '1', String(calls['/cgi-bin/auth/getuserinfo'] ?? 0)],
      ['answers', 'no 5xx', tally(answers.map((answer) => answer.status))],
      ['copies answered per node', 'both nodes', callbacksPerNode(entries)],
    ]);

    expect.soft(nodesServing(entries).size).toBe(2);
    expect.soft(answers.filter((answer) => answer.status >= 500).length).toBe(0);
    expect.soft(signedIn.length).toBe(1);
    expect.soft(tokensAfter - tokensBefore).toBe(1);
    expect.soft(calls['/cgi-bin/auth/getuserinfo'] ?? 0).toBe(1);
  });

  it('renews a token WeCom revoked (40014) once for the whole cluster', async () => {
    const members = await linkedMembers(cluster, 'revoke', 10);
    // The token is cached now; WeCom calls it invalid from here on.
    await cluster.sandbox.resetCalls();
    await cluster.sandbox.revokeTokens();
    const tag = uniqueTag('revoke');

    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, index) => signInInClient(cluster, memberFor(members, index), `${tag}-${index}`)),
    );

    const calls = await cluster.sandbox.calls();
    const entries = await logOf(outcomes);
    const gettoken = calls['/cgi-bin/gettoken'] ?? 0;
    printSummary('40 returning sign-ins at once over both nodes, right after WeCom revoked the token', [
      ['sign-ins', '40 signed in', describeOutcomes(outcomes)],
      ['gettoken calls (sandbox)', '1', String(gettoken)],
      ['auth/getuserinfo calls (a refused one is retried)', '', String(calls['/cgi-bin/auth/getuserinfo'] ?? 0)],
      ['nginx answers', 'no 5xx', tally(entries.map((entry) => entry.status))],
      ['callbacks answered per node', 'both nodes', callbacksPerNode(entries)],
    ]);

    expect.soft(outcomes.filter((outcome) => !outcome.token).map((o) => o.error ?? o.failure)).toEqual([]);
    expect.soft(gettoken).toBe(1);
    expect.soft(nodesServing(entries).size).toBe(2);
  });
  it('counts the codes WeCom refused from one address on both nodes together, whatever it forwards', async () => {
    const tag = uniqueTag('forged');
    const forged = async (index: number): Promise<string | null> => {
      const browser = new HttpBrowser(cluster.url, taggedWeComAgent(`${tag}-${index}`));
      // A new address of its own choosing each time: nginx puts the one it saw in its place.
      const from = { 'X-Forwarded-For': `203.0.113.${index + 1}` };
      const state = new URL(await browser.getAuthUrl(AUTHENTICATOR, undefined, from)).searchParams.get('state') ?? '';
      const answer = await browser.request(`${cluster.url}/api/wecom:redirect?code=forged${index}&state=${state}`, {
        headers: from,
      });
      return new URL(answer.headers.get('location') ?? '/', cluster.url).searchParams.get('error');
    };
    await cluster.sandbox.resetCalls();
    try {
      // In batches of 5 at once: every batch reads the count before any of it is added.
      const errors: Array<string | null> = [];
      for (let index = 0; index < FAILED_CALLBACKS_ALLOWED + 10; index += 5) {
        errors.push(...(await Promise.all([0, 1, 2, 3, 4].map((offset) => forged(index + offset)))));
      }
      const calls = await cluster.sandbox.calls();
      const isForged = (entry: AccessLogEntry): boolean =>
        tagOf(entry).startsWith(`${tag}-`) && entry.path === '/api/wecom:redirect';
      const entries = (
        await accessLogOnce(cluster, (all) => all.filter(isForged).length >= FAILED_CALLBACKS_ALLOWED + 10)
      ).filter(isForged);
      printSummary(
        `${FAILED_CALLBACKS_ALLOWED + 10} callbacks with made-up codes from this machine, each forwarding another address, over both nodes`,
        [
          [
            'outcomes',
            `${FAILED_CALLBACKS_ALLOWED} CODE_INVALID, 10 TOO_MANY_FAILED_SIGN_INS`,
            tally(errors.map((code) => code ?? 'none')),
          ],
          [
            'auth/getuserinfo calls (sandbox)',
            String(FAILED_CALLBACKS_ALLOWED),
            String(calls['/cgi-bin/auth/getuserinfo'] ?? 0),
          ],
          ['callbacks answered per node', 'both nodes', callbacksPerNode(entries)],
        ],
      );

      expect
        .soft(errors)
        .toEqual([
          ...Array(FAILED_CALLBACKS_ALLOWED).fill('CODE_INVALID'),
          ...Array(10).fill('TOO_MANY_FAILED_SIGN_INS'),
        ]);
      expect.soft(calls['/cgi-bin/auth/getuserinfo'] ?? 0).toBe(FAILED_CALLBACKS_ALLOWED);
      expect.soft(nodesServing(entries).size).toBe(2);
    } finally {
      // Every client of these tests is this machine: the other tests' members would be refused for 10 minutes.
      await forgetFailedCallbacks(cluster);
    }
    const [member] = await linkedMembers(cluster, 'after-forged', 1);
    if (!member) throw new Error('no member');
    expect((await signInInClient(cluster, member, `${tag}-member`)).token).toBeTruthy();
  });
});
