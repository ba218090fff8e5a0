import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { createClient } from 'redis';
import { inject } from 'vitest';
import { createSandboxControl, type SandboxControl, type SandboxMember } from '../../../sandbox/index.ts';
import { type ClusterControl, createClusterControl } from '../../../testing/cluster-control.ts';
import { HttpBrowser, type HttpSignIn, USER_AGENTS } from '../../../testing/http-browser.ts';
import { type AccessLogEntry, parseAccessLog } from '../../../testing/nginx-access-log.ts';
import { whoIs } from '../../../testing/nocobase-api.ts';
import { postgresConnection } from '../../../testing/postgres.ts';
import { addMembers, bareMobile, weComMobile } from '../../../testing/sandbox-members.ts';
import { AUTHENTICATOR, type ClusterInfo } from './cluster-info.ts';

export interface Cluster extends ClusterInfo {
  sandbox: SandboxControl;
  control: ClusterControl;
}

/** The cluster the global setup started, with clients for its sandbox and its nodes. */
export function theCluster(): Cluster {
  const info = inject('cluster') as ClusterInfo | undefined;
  if (!info) throw new Error('no cluster: run these with `npm run test:cluster` (vitest.cluster.config.mts starts it)');
  return { ...info, sandbox: createSandboxControl(info.sandboxUrl), control: createClusterControl(info.controlUrl) };
}

const phonesGiven = new Set<string>();

/** A mainland mobile no other member of this run has: the database is the run's, so the run is all that matters. */
function freshPhone(): string {
  for (;;) {
    const phone = `17${String(randomInt(0, 1e9)).padStart(9, '0')}`;
    if (!phonesGiven.has(phone)) {
      phonesGiven.add(phone);
      return phone;
    }
  }
}

/** `count` new members of the sandbox corp, each with a mobile nobody in NocoBase has yet. */
export async function addNewMembers(cluster: Cluster, tag: string, count: number): Promise<SandboxMember[]> {
  const run = randomInt(0, 36 ** 4).toString(36);
  const members = Array.from({ length: count }, (_, index) => ({
    userid: `${tag}-${run}-${index}`,
    name: `集群${tag}${index}`,
    mobile: weComMobile(freshPhone()),
  }));
  await addMembers(cluster.sandbox, cluster.sandboxUrl, members);
  return members;
}

let tagsGiven = 0;

/** A tag for one sign-in or one batch of them, unique in the run: `name-<time>-<n>`. */
export function uniqueTag(name: string): string {
  tagsGiven += 1;
  return `${name}-${Date.now().toString(36)}-${tagsGiven}`;
}

/**
 * The WeCom iOS client's user agent with a tag of the sign-in at its end, which nginx logs: so each request in the
 * access log can be told apart by the sign-in that made it. The plugin and the sandbox still see the WeCom client.
 */
export function taggedWeComAgent(tag: string): string {
  return `${USER_AGENTS.weComIos} ${tag}`;
}

export interface SignInOutcome {
  tag: string;
  userid: string;
  startedAt: number;
  endedAt: number;
  token?: string;
  /** The error code on the sign-in page it landed on. */
  error?: string;
  /** Why it did not land at all: an answer other than a redirect on the way (a 5xx, a page without a form). */
  failure?: string;
  landed?: URL;
}

function outcomeOf(tag: string, userid: string, startedAt: number, result: HttpSignIn): SignInOutcome {
  return {
    tag,
    userid,
    startedAt,
    endedAt: Date.now(),
    token: result.token,
    error: result.error,
    landed: result.landed,
  };
}

/** One in-client sign-in through nginx, as `member` in the WeCom client; consent is given when WeCom asks. */
export async function signInInClient(
  cluster: Pick<Cluster, 'url'>,
  member: Pick<SandboxMember, 'userid'>,
  tag: string,
  authenticator = AUTHENTICATOR,
): Promise<SignInOutcome> {
  const startedAt = Date.now();
  const browser = new HttpBrowser(cluster.url, taggedWeComAgent(tag), member.userid);
  try {
    return outcomeOf(tag, member.userid, startedAt, await browser.signIn(authenticator, { consent: 'allow' }));
  } catch (error) {
    const failure = error instanceof Error ? error.message : String(error);
    return { tag, userid: member.userid, startedAt, endedAt: Date.now(), failure };
  }
}

/** The `index`-th of a batch of sign-ins spread over `members`: each member in turn. */
export function memberFor(members: readonly SandboxMember[], index: number): SandboxMember {
  const member = members[index % members.length];
  if (!member) throw new Error('no members to sign in');
  return member;
}

/** `count` new members, each signed in once inside the client (so linked), for the cases about returning members. */
export async function linkedMembers(cluster: Cluster, name: string, count: number): Promise<SandboxMember[]> {
  const members = await addNewMembers(cluster, name, count);
  const tag = uniqueTag(`${name}-link`);
  const first = await Promise.all(members.map((member, index) => signInInClient(cluster, member, `${tag}-${index}`)));
  const notLinked = first.filter((outcome) => !outcome.token);
  if (notLinked.length > 0) {
    throw new Error(`could not link the members first: ${notLinked.map((o) => o.error ?? o.failure).join('; ')}`);
  }
  return members;
}

/** The NocoBase user id behind a token, asked through nginx as the client asks (`auth:check`). */
export async function userIdOf(cluster: Pick<Cluster, 'url'>, token: string): Promise<number | null> {
  return (await whoIs(cluster.url, token, AUTHENTICATOR)).user?.id ?? null;
}

export function readAccessLog(cluster: Pick<Cluster, 'accessLog'>): AccessLogEntry[] {
  return parseAccessLog(readFileSync(cluster.accessLog, 'utf8'));
}

/**
 * The log's entries once `enough` says they are all there: nginx writes a request's line just after the answer
 * went out, so the client may read the log a moment before its last request is in it.
 */
export async function accessLogOnce(
  cluster: Pick<Cluster, 'accessLog'>,
  enough: (entries: AccessLogEntry[]) => boolean,
  timeoutMs = 5_000,
): Promise<AccessLogEntry[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const entries = readAccessLog(cluster);
    if (enough(entries) || Date.now() > deadline) return entries;
    await sleep(50);
  }
}

/** The tag of the sign-in that made the request (see `taggedWeComAgent`): the user agent's last word. */
export function tagOf(entry: AccessLogEntry): string {
  return entry.userAgent.slice(entry.userAgent.lastIndexOf(' ') + 1);
}

/** The entries of requests made by the sign-in tagged `tag`. */
export function entriesTagged(entries: AccessLogEntry[], tag: string): AccessLogEntry[] {
  return entries.filter((entry) => tagOf(entry) === tag);
}

/** Which node answered: the last upstream nginx tried. */
export function answeredBy(entry: AccessLogEntry): string | undefined {
  return entry.upstreams.at(-1);
}

/** A query on the cluster's database, to count what NocoBase stored without NocoBase's API in the way. */
export async function queryDatabase<Row extends Record<string, unknown>>(
  cluster: Pick<Cluster, 'database'>,
  sql: string,
  params: unknown[] = [],
): Promise<Row[]> {
  const client = new pg.Client({ ...postgresConnection, database: cluster.database });
  await client.connect();
  try {
    return (await client.query<Row>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** How many NocoBase users have each of these members' phones, and how many bindings each member has. */
export async function usersAndBindings(
  cluster: Pick<Cluster, 'database'>,
  members: SandboxMember[],
  authenticator = AUTHENTICATOR,
): Promise<{ usersPerPhone: Map<string, number>; bindingsPerMember: Map<string, number> }> {
  const phones = members.map(bareMobile);
  const users = await queryDatabase<{ phone: string; count: string }>(
    cluster,
    'SELECT phone, count(*) AS count FROM "users" WHERE phone = ANY($1) GROUP BY phone',
    [phones],
  );
  const bindings = await queryDatabase<{ uuid: string; count: string }>(
    cluster,
    'SELECT uuid, count(*) AS count FROM "usersAuthenticators" WHERE authenticator = $1 AND uuid = ANY($2) GROUP BY uuid',
    [authenticator, members.map((member) => member.userid)],
  );
  return {
    usersPerPhone: new Map(users.map((row) => [row.phone, Number(row.count)])),
    bindingsPerMember: new Map(bindings.map((row) => [row.uuid, Number(row.count)])),
  };
}

/** Empties the nodes' cache, as a Redis restart would: the next WeCom call needs a new access token. */
export async function emptyClusterCache(cluster: Pick<Cluster, 'redisUrl'>): Promise<void> {
  const client = createClient({ url: cluster.redisUrl });
  await client.connect();
  try {
    await client.flushDb();
  } finally {
    client.destroy();
  }
}

/** Forgets every address's failed callbacks, so that a test's refusals hold nobody else up for their 10 minutes. */
export async function forgetFailedCallbacks(cluster: Pick<Cluster, 'redisUrl'>): Promise<number> {
  const client = createClient({ url: cluster.redisUrl });
  await client.connect();
  try {
    const keys: string[] = [];
    for await (const found of client.scanIterator({ MATCH: '*failed-callbacks:*' })) keys.push(...[found].flat());
    return keys.length > 0 ? await client.del(keys) : 0;
  } finally {
    client.destroy();
  }
}

/** Counts of each value, `302: 12, 200: 3`, for the summaries. */
export function tally(values: Array<string | number>): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(String(value), (counts.get(String(value)) ?? 0) + 1);
  return (
    [...counts]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([value, count]) => `${value}: ${count}`)
      .join(', ') || 'none'
  );
}

/** A summary of a load case in the test output, printed before its assertions so a failure shows the figures. */
export function printSummary(title: string, rows: Array<[what: string, expected: string, got: string]>): void {
  const header: [string, string, string] = ['', 'expected', 'got'];
  const widths = [0, 1, 2].map((column) => Math.max(...[header, ...rows].map((row) => (row[column] ?? '').length)));
  const line = (row: [string, string, string]): string =>
    `| ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  console.log(
    [`\n${title}`, line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join(
      '\n',
    ),
  );
}
