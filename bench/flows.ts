import { decodeLandingSession } from '../src/shared/session-fragment.ts';
import {
  API_PREFIX,
  BENCH_USER,
  FLOOR_AUTHENTICATOR,
  FLOOR_REDIRECT_RESOURCE,
  PASSWORD_AUTHENTICATOR,
  WECOM_AUTHENTICATOR,
} from './app-names.ts';
import { BenchBrowser, UA } from './browser.ts';
import type { SignInTask } from './load.ts';
import { MEMBERS } from './sandbox.ts';

export type FlowName = 'wecom' | 'floor' | 'floor-redirect' | 'password';

export interface Flow {
  name: FlowName;
  label: string;
  /** The timed request. */
  request: string;
  /** The authenticator whose tokens it issues (for `auth:check`). */
  authenticator: string;
  /** Untimed setup of `count` sign-ins; their tasks do the timed request only. */
  prepare(count: number, concurrency: number): Promise<SignInTask[]>;
}

/** POST /api/auth:signIn as NocoBase's own sign-in form does it; resolves to the token. */
async function postSignIn(origin: string, authenticator: string, body: Record<string, string>): Promise<string> {
  const answer = await fetch(`${origin}${API_PREFIX}/auth:signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-authenticator': authenticator },
    body: JSON.stringify(body),
  });
  const parsed = (await answer.json()) as { data?: { token?: unknown } };
  if (answer.status !== 200 || typeof parsed.data?.token !== 'string') {
    throw new Error(`${authenticator} sign-in answered ${answer.status}: ${JSON.stringify(parsed).slice(0, 300)}`);
  }
  return parsed.data.token;
}

function repeated(count: number, task: SignInTask): SignInTask[] {
  return Array.from({ length: count }, () => task);
}

/** Runs `make` for 0..count-1 with `concurrency` in flight, keeping the order. */
async function mapConcurrently<T>(
  count: number,
  concurrency: number,
  make: (index: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < count; index = next++) results[index] = await make(index);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

/**
 * The returning member's callback. Setup per sign-in: getAuthUrl in the WeCom client, then WeCom's 302 back
 * with a fresh code and state; the timed part is our callback turning them into a token.
 */
function weComFlow(browsers: BenchBrowser[], authenticator: string): Flow {
  return {
    name: 'wecom',
    label: 'WeCom callback, returning member',
    request: `GET ${API_PREFIX}/wecom:redirect?code&state`,
    authenticator,
    prepare: async (count, concurrency) => {
      return mapConcurrently(count, concurrency, async (index) => {
        const browser = browsers[index % browsers.length];
        if (!browser) throw new Error('the WeCom flow needs at least one browser');
        const callbackUrl = await browser.passWeCom(await browser.authUrl());
        return async () => {
          const answer = await browser.callback(callbackUrl);
          const token = answer.status === 302 ? decodeLandingSession(new URL(answer.location).hash)?.token : null;
          if (!token) throw new Error(`callback answered ${answer.status} → ${answer.location}`);
          return token;
        };
      });
    },
  };
}

function floorFlow(origin: string): Flow {
  const body = { uuid: MEMBERS.returning.userid };
  return {
    name: 'floor',
    label: 'Floor: bound-user lookup + token',
    request: `POST ${API_PREFIX}/auth:signIn (${FLOOR_AUTHENTICATOR})`,
    authenticator: FLOOR_AUTHENTICATOR,
    prepare: async (count) => repeated(count, () => postSignIn(origin, FLOOR_AUTHENTICATOR, body)),
  };
}

/** The floor answered like the callback (GET, 302, no body), so only the WeCom-specific work differs. */
function floorRedirectFlow(origin: string): Flow {
  const url = `${origin}${API_PREFIX}/${FLOOR_REDIRECT_RESOURCE}:redirect?uuid=${MEMBERS.returning.userid}`;
  const signIn: SignInTask = async () => {
    const answer = await fetch(url, { redirect: 'manual' });
    await answer.arrayBuffer();
    const token =
      answer.status === 302 ? new URL(answer.headers.get('location') ?? '', origin).searchParams.get('token') : null;
    if (!token) throw new Error(`floor redirect answered ${answer.status}`);
    return token;
  };
  return {
    name: 'floor-redirect',
    label: 'Floor, callback-shaped (GET → 302)',
    request: `GET ${API_PREFIX}/${FLOOR_REDIRECT_RESOURCE}:redirect?uuid`,
    authenticator: FLOOR_AUTHENTICATOR,
    prepare: async (count) => repeated(count, signIn),
  };
}

function passwordFlow(origin: string): Flow {
  const body = { account: BENCH_USER.username, password: BENCH_USER.password };
  return {
    name: 'password',
    label: 'NocoBase password sign-in',
    request: `POST ${API_PREFIX}/auth:signIn (${PASSWORD_AUTHENTICATOR})`,
    authenticator: PASSWORD_AUTHENTICATOR,
    prepare: async (count) => repeated(count, () => postSignIn(origin, PASSWORD_AUTHENTICATOR, body)),
  };
}

/**
 * The timed flows; `browsers` simulated WeCom clients share the returning member's sign-ins, through the WeCom
 * authenticator whose origin is `origin`.
 */
export function createFlows(origin: string, browsers: number, weComAuthenticator = WECOM_AUTHENTICATOR): Flow[] {
  const weComBrowsers = Array.from(
    { length: Math.max(1, browsers) },
    () => new BenchBrowser(origin, UA.weComIos, MEMBERS.returning.userid, weComAuthenticator),
  );
  return [
    weComFlow(weComBrowsers, weComAuthenticator),
    floorFlow(origin),
    floorRedirectFlow(origin),
    passwordFlow(origin),
  ];
}

/** The user a token belongs to, asking NocoBase as its client would. */
export async function tokenOwner(origin: string, flow: Flow, token: string): Promise<number | null> {
  const answer = await fetch(`${origin}${API_PREFIX}/auth:check`, {
    headers: { authorization: `Bearer ${token}`, 'x-authenticator': flow.authenticator },
  });
  const body = (await answer.json()) as { data?: { id?: unknown } };
  return answer.status === 200 && typeof body.data?.id === 'number' ? body.data.id : null;
}
