import Transport from 'winston-transport';
import { z } from 'zod';
import type { SandboxFault } from '../../../sandbox/index.ts';
import { signInErrorMessage } from '../../../sdk-shim/messages';
import type { SignInErrorCode } from '../../../shared/sign-in-errors';
import { Browser, type Harness, SECRET, startHarness } from '../harness';

/** Every WeCom call of the suite is abandoned after this long (the authenticator's `timeoutMs`). */
export const TIMEOUT_MS = 400;
/** How late a slow answer comes: well past the timeout. */
const SLOW_MS = 1000;
/**
 * A request still running by then hangs: one timeout, WeCom's busy backoff (200 + 400 ms) and a margin for this
 * shared 2-core machine. Only termination is asserted; the time itself is reported.
 */
export const REQUEST_DEADLINE_MS = TIMEOUT_MS + 600 + 4000;

type FaultShape = Omit<SandboxFault, 'endpoint' | 'count'> & { count?: number };

/** The faults every WeCom call of a flow gets, one cell each. */
export const FAULTS = {
  http5xx: { label: 'HTTP 503', fault: { status: 503 } },
  slow: { label: `answer after ${SLOW_MS} ms (timeout ${TIMEOUT_MS} ms)`, fault: { delayMs: SLOW_MS } },
  malformed: { label: 'malformed JSON', fault: { malformed: true } },
  dropped: { label: 'connection dropped', fault: { drop: true } },
  busyOnce: { label: '-1 busy, once', fault: { errcode: -1 } },
  busyStays: { label: '-1 busy, 3 times', fault: { errcode: -1, count: 3 } },
  invalidToken: { label: '40014 invalid token', fault: { errcode: 40014 } },
  expiredToken: { label: '42001 expired token', fault: { errcode: 42001 } },
  rateLimited: { label: '45009 rate limit', fault: { errcode: 45009 } },
  ipNotTrusted: { label: '60020 IP not trusted', fault: { errcode: 60020 } },
  noPrivilege: { label: '60011 no privilege', fault: { errcode: 60011 } },
} as const satisfies Record<string, { label: string; fault: FaultShape }>;

export type FaultName = keyof typeof FAULTS;
export const FAULT_NAMES = Object.keys(FAULTS) as FaultName[];

/** The errcode WeCom answers with under the fault, or null where it gives no answer WeCom's API could give. */
export function faultErrcode(name: FaultName): number | null {
  const fault: FaultShape = FAULTS[name].fault;
  return fault.errcode ?? null;
}

/** Where a cell must end: signed in (the member's name from WeCom, or the userid when it was not read), or refused. */
export type Outcome = 'signed in' | 'signed in, named by the userid' | SignInErrorCode;

/** A call about the member signing in (code exchange, ticket, directory): a 60011 there is about them. */
export const MEMBER_CALL: Record<FaultName, Outcome> = {
  http5xx: 'WECOM_UNAVAILABLE',
  slow: 'WECOM_UNAVAILABLE',
  malformed: 'WECOM_UNAVAILABLE',
  dropped: 'WECOM_UNAVAILABLE',
  busyOnce: 'signed in',
  busyStays: 'WECOM_UNAVAILABLE',
  invalidToken: 'signed in',
  expiredToken: 'signed in',
  rateLimited: 'WECOM_RATE_LIMITED',
  ipNotTrusted: 'IP_NOT_TRUSTED',
  noPrivilege: 'OUTSIDE_VISIBLE_RANGE',
};

/** A call about the app (tickets, agent/get): its 60011 says the app lacks a privilege, which an admin fixes. */
export const APP_CALL: Record<FaultName, Outcome> = { ...MEMBER_CALL, noPrivilege: 'CONFIG_INVALID' };

/** gettoken sends no token, so a 40014/42001 from it is WeCom misbehaving: refused, not renewed in a loop. */
export const TOKEN_CALL: Record<FaultName, Outcome> = {
  ...APP_CALL,
  invalidToken: 'WECOM_UNAVAILABLE',
  expiredToken: 'WECOM_UNAVAILABLE',
};

/** user/get for a new user's nickname: the sign-in does not depend on it. */
export const NAME_CALL: Record<FaultName, Outcome> = Object.fromEntries(
  FAULT_NAMES.map((name) => [name, MEMBER_CALL[name] === 'signed in' ? 'signed in' : 'signed in, named by the userid']),
) as Record<FaultName, Outcome>;

export const GETTOKEN = '/cgi-bin/gettoken';

/**
 * Makes the call's next answer `name`'s fault. `skip` earlier calls of the same path are answered normally first
 * (a fault without a misbehaviour), to reach the second code exchange of a sign-in.
 */
export async function injectFault(harness: Harness, call: string, name: FaultName, skip = 0): Promise<void> {
  for (let i = 0; i < skip; i++) await harness.sandbox.control.fault({ endpoint: call, count: 1 });
  const { count = 1, ...fault }: FaultShape = FAULTS[name].fault;
  await harness.sandbox.control.fault({ endpoint: call, count, ...fault });
}

export interface LogEntry {
  /** NocoBase's system log (what the plugin and NocoBase say) or its request log (one line per request and answer). */
  log: 'system' | 'request';
  level: string;
  message: string;
  reqId: string | undefined;
  fields: Record<string, unknown>;
  /** The whole entry as its transports would serialise it. */
  text: string;
}

/** One of NocoBase's loggers, recorded as its transports (console, files) get the entries. */
class LogTap extends Transport {
  constructor(
    private readonly sink: LogEntry[],
    private readonly source: LogEntry['log'],
  ) {
    super({ level: 'trace' });
  }

  override log(info: Record<string, unknown>, done: () => void): void {
    this.sink.push({
      log: this.source,
      level: String(info.level),
      message: String(info.message),
      reqId: typeof info.reqId === 'string' ? info.reqId : undefined,
      fields: info,
      text: JSON.stringify(info),
    });
    done();
  }
}

/** Every entry NocoBase's system and request logs write. */
class LogRecorder {
  readonly entries: LogEntry[] = [];

  tap(source: LogEntry['log']): LogTap {
    return new LogTap(this.entries, source);
  }

  of(reqIds: readonly string[]): LogEntry[] {
    return this.entries.filter((entry) => entry.reqId !== undefined && reqIds.includes(entry.reqId));
  }
}

const credentialSchema = z.object({ value: z.string() });

export interface Snapshot {
  users: Array<{ id: number; nickname: string; phone: string }>;
  bindings: Array<{ authenticator: string; uuid: string; userId: number }>;
}

export interface FaultBench {
  harness: Harness;
  logs: LogRecorder;
  /** Back to the start of a cell: no fault pending, no call counted, no credential cached, the seeded users only. */
  reset(): Promise<void>;
  snapshot(): Promise<Snapshot>;
  /** What no log line may contain: the secret and every credential cached from WeCom. */
  secrets(): Promise<string[]>;
  close(): Promise<void>;
}

/** NocoBase's cache of the plugin's WeCom credentials (`services.ts`). */
const CREDENTIALS_CACHE = 'wecom-auth';

/** One NocoBase app (in-memory cache) and its sandbox for a file of cells, with its loggers recorded. */
export async function startFaultBench(options: Record<string, unknown> = {}): Promise<FaultBench> {
  const harness = await startHarness({ options: { timeoutMs: TIMEOUT_MS, ...options } });
  const logs = new LogRecorder();
  harness.app.logger.add(logs.tap('system'));
  // The tests run NocoBase's request log silent at level error; here it records everything, into the recorder only.
  const { requestLogger } = harness.app;
  requestLogger.clear();
  requestLogger.add(logs.tap('request'));
  requestLogger.silent = false;
  requestLogger.level = 'info';
  const seeded = await seededUserIds(harness);
  const credentials = async (): Promise<string[]> => {
    let cache: ReturnType<typeof harness.app.cacheManager.getCache>;
    try {
      cache = harness.app.cacheManager.getCache(CREDENTIALS_CACHE);
    } catch {
      return [];
    }
    // The store's own keys: NocoBase's `Cache.keys` strips the cache's name, not its prefix (`main:wecom-auth`).
    const keys = await cache.store.store.keys();
    const values = await Promise.all(keys.map((key) => cache.store.get(key)));
    return values.flatMap((value) => {
      const parsed = credentialSchema.safeParse(value);
      return parsed.success ? [parsed.data.value] : [];
    });
  };
  return {
    harness,
    logs,
    async reset() {
      await forgetSignIns(harness, seeded);
      try {
        await harness.app.cacheManager.getCache(CREDENTIALS_CACHE).reset();
      } catch {
        // Not created yet: nothing cached.
      }
      logs.entries.length = 0;
    },
    snapshot: () => snapshotOf(harness),
    async secrets() {
      return [SECRET, ...(await credentials())];
    },
    close: () => harness.close(),
  };
}

/** The users the harness seeded, which every cell starts with. */
export async function seededUserIds(harness: Harness): Promise<number[]> {
  const users = await harness.app.db.getRepository('users').find();
  return users.map((user: { get(key: string): unknown }) => Number(user.get('id')));
}

/** No fault pending, no WeCom call counted, no binding of the authenticator, no user but the seeded ones. */
export async function forgetSignIns(harness: Harness, seeded: readonly number[]): Promise<void> {
  await harness.sandbox.control.clearFaults();
  await harness.sandbox.control.resetCalls();
  const { db } = harness.app;
  await db.getRepository('usersAuthenticators').destroy({ filter: { authenticator: 'wecom' } });
  await db.getRepository('users').destroy({ filter: { id: { $notIn: [...seeded] } } });
}

export async function snapshotOf(harness: Harness): Promise<Snapshot> {
  const { db } = harness.app;
  const users = await db.getRepository('users').find({ sort: ['id'] });
  const bindings = await db.getRepository('usersAuthenticators').find({ sort: ['authenticator', 'uuid'] });
  return {
    users: users.map((user: { get(key: string): unknown }) => ({
      id: Number(user.get('id')),
      nickname: String(user.get('nickname') ?? ''),
      phone: String(user.get('phone') ?? ''),
    })),
    bindings: bindings.map((row: { get(key: string): unknown }) => ({
      authenticator: String(row.get('authenticator')),
      uuid: String(row.get('uuid')),
      userId: Number(row.get('userId')),
    })),
  };
}

/** "no: users 2 → 3, bindings 0 → 1 (lisi → 李四)". */
export function halfDoneText(before: Snapshot, after: Snapshot): string {
  const added = after.bindings.filter(
    (binding) =>
      !before.bindings.some((old) => old.uuid === binding.uuid && old.authenticator === binding.authenticator),
  );
  const names = added.map(
    (binding) => `${binding.uuid} → ${after.users.find((user) => user.id === binding.userId)?.nickname ?? '?'}`,
  );
  return `no: users ${before.users.length} → ${after.users.length}, bindings ${before.bindings.length} → ${
    after.bindings.length
  }${names.length ? ` (${names.join(', ')})` : ''}`;
}

/** "gettoken 2, auth/getuserinfo 2": the API calls (not the pages) WeCom counted. */
export function callsText(calls: Record<string, number>): string {
  const api = Object.entries(calls).filter(([path]) => path.startsWith('/cgi-bin/'));
  return api.map(([path, count]) => `${path.replace('/cgi-bin/', '')} ${count}`).join(', ') || 'none';
}

/** The authorize pages a browser was sent to at WeCom, in the client or for web login: what a loop would grow. */
export function authorizeTrips(calls: Record<string, number>): number {
  return (calls['/connect/oauth2/authorize'] ?? 0) + (calls['/wwlogin/sso/login'] ?? 0);
}

/** The system log's entries an admin reads at NocoBase's default level (info) that name this WeCom call. */
function linesAbout(entries: readonly LogEntry[], call: string): LogEntry[] {
  return entries.filter(
    (entry) =>
      entry.log === 'system' && entry.fields.endpoint === call && entry.level !== 'debug' && entry.level !== 'trace',
  );
}

/** `warn "WeCom refused a sign-in step" /cgi-bin/gettoken errcode 45009`, or `none`. */
export function logText(lines: readonly LogEntry[]): string {
  if (lines.length === 0) return 'none';
  return lines
    .map((line) => {
      const { endpoint, errcode, kind } = line.fields;
      const reason = typeof errcode === 'number' ? `errcode ${errcode}` : `${String(kind ?? 'no errcode')}`;
      return `${line.level} "${line.message}" ${String(endpoint)} ${reason}`;
    })
    .join('; ');
}

/**
 * The assertions every cell makes of the log: what an admin reads names the WeCom call once (with its errcode, or
 * the transport failure), the system log has no error (with a stack) for WeCom's failure, and no line of either log
 * carries the secret, a WeCom credential or a NocoBase token. (The request log writes a 5xx answer at error level.)
 */
export function expectLogged(
  entries: readonly LogEntry[],
  call: string,
  failed: boolean,
  fault: FaultName,
  mustNotContain: readonly string[],
): LogEntry[] {
  const lines = linesAbout(entries, call);
  if (failed) {
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line?.level).toBe('warn');
    expect(line?.fields.errcode ?? null).toBe(faultErrcode(fault));
  } else {
    expect(lines.filter((line) => line.level === 'warn' || line.level === 'error')).toEqual([]);
  }
  const errors = entries.filter((entry) => entry.log === 'system' && entry.level === 'error');
  expect(errors.map((entry) => entry.message)).toEqual([]);
  for (const secret of mustNotContain.filter((value) => value.length > 0)) {
    expect(entries.filter((entry) => entry.text.includes(secret)).map((entry) => entry.message)).toEqual([]);
  }
  return lines;
}

/** The sign-in page's message for a code, as the plugin's client shows it in English. */
export function shownMessage(code: string): string {
  return signInErrorMessage(code, 'en-US');
}

export interface TimedRequest {
  what: string;
  status: number;
  ms: number;
  reqId: string;
}

/** Fails with a message instead of waiting on a request that does not end. */
export async function withinDeadline<T>(work: Promise<T>, what: string, ms = REQUEST_DEADLINE_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** A harness browser whose every request to NocoBase has a deadline and is recorded with its status, time and id. */
export class TimedBrowser extends Browser {
  readonly requests: TimedRequest[] = [];

  private async timed<T extends { status: number; headers: Record<string, unknown> }>(
    what: string,
    send: () => Promise<T>,
  ): Promise<T> {
    const started = performance.now();
    const answer = await withinDeadline(send(), what);
    const reqId = answer.headers['x-request-id'];
    this.requests.push({
      what,
      status: answer.status,
      ms: Math.round(performance.now() - started),
      reqId: typeof reqId === 'string' ? reqId : '',
    });
    return answer;
  }

  override getAuthUrl(body: Record<string, unknown> = {}, authenticator = 'wecom'): ReturnType<Browser['getAuthUrl']> {
    return this.timed('POST /api/wecom:getAuthUrl', () => super.getAuthUrl(body, authenticator));
  }

  override openNocoBase(url: string): ReturnType<Browser['openNocoBase']> {
    return this.timed(`GET ${new URL(url).pathname}`, () => super.openNocoBase(url));
  }

  get reqIds(): string[] {
    return this.requests.map((request) => request.reqId);
  }

  /** "412 ms (GET /api/wecom:redirect; deadline 5000 ms)": the longest request. */
  get timeText(): string {
    const longest = this.requests.reduce<TimedRequest | null>(
      (slowest, request) => (slowest && slowest.ms >= request.ms ? slowest : request),
      null,
    );
    return longest ? `${longest.ms} ms (${longest.what}; deadline ${REQUEST_DEADLINE_MS} ms)` : '–';
  }
}
