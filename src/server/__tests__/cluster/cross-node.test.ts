import { decodeLandingSession } from '../../../shared/session-fragment.ts';
import { HttpBrowser, USER_AGENTS } from '../../../testing/http-browser.ts';
import { NocoBaseAdmin } from '../../../testing/nocobase-admin.ts';
import { whoIs } from '../../../testing/nocobase-api.ts';
import { passWeCom } from '../../../testing/wecom-member.ts';
import { AUTHENTICATOR, TLS_AUTHENTICATOR } from './cluster-info.ts';
import {
  accessLogOnce,
  addNewMembers,
  answeredBy,
  type Cluster,
  entriesTagged,
  signInInClient,
  taggedWeComAgent,
  theCluster,
  uniqueTag,
} from './support.ts';

/**
 * Through nginx, round robin over two `nocobase start` processes: a sign-in's requests alternate between the nodes,
 * so each step finds on one node what the step before left on the other (the sign-in's cookie, the single-use
 * marker in Redis, the user in PostgreSQL).
 */

const cluster: Cluster = theCluster();

/** The nodes that answered each of a sign-in's requests to NocoBase, in order, from nginx's log. */
async function nodesOf(tag: string, requests: number): Promise<Array<{ path: string; node: string | undefined }>> {
  const entries = await accessLogOnce(cluster, (all) => entriesTagged(all, tag).length >= requests);
  return entriesTagged(entries, tag).map((entry) => ({ path: entry.path, node: answeredBy(entry) }));
}

function setCookie(answer: Response, prefix: string): string {
  const line = answer.headers.getSetCookie().find((cookie) => cookie.includes(prefix));
  if (!line) throw new Error(`no ${prefix} cookie in ${JSON.stringify(answer.headers.getSetCookie())}`);
  return line;
}

async function postGetAuthUrl(browser: HttpBrowser, authenticator: string, headers: Record<string, string> = {}) {
  return browser.request(`${browser.appUrl}/api/wecom:getAuthUrl`, {
    method: 'POST',
    headers: { 'X-Authenticator': authenticator, 'Content-Type': 'application/json', ...headers },
    body: '{}',
  });
}

describe('a cluster behind nginx', () => {
  it('signs a member in inside the WeCom client across both nodes, on the deep link, known to both nodes', async () => {
    const [member] = await addNewMembers(cluster, 'inclient', 1);
    if (!member) throw new Error('no member');
    const tag = uniqueTag('in-client');
    const browser = new HttpBrowser(cluster.url, taggedWeComAgent(tag), member.userid);

    const result = await browser.follow(await browser.getAuthUrl(AUTHENTICATOR, '/admin/cluster?from=test'), {
      consent: 'allow',
    });

    // getAuthUrl, the snsapi_base callback (unbound: round again for consent), the snsapi_privateinfo callback.
    const served = await nodesOf(tag, 3);
    expect(served.map((request) => request.path)).toEqual([
      '/api/wecom:getAuthUrl',
      '/api/wecom:redirect',
      '/api/wecom:redirect',
    ]);
    expect(served[1]?.node).not.toBe(served[0]?.node);
    expect(served[2]?.node).not.toBe(served[1]?.node);
    expect(result.consentAsked).toBe(true);
    expect(`${result.landed.origin}${result.landed.pathname}${result.landed.search}`).toBe(
      `${cluster.url}/admin/cluster?from=test`,
    );
    const token = result.token ?? '';
    expect(token).not.toBe('');
    for (const node of cluster.nodes) {
      expect((await whoIs(node.url, token, AUTHENTICATOR)).user).toMatchObject({ nickname: member.name });
    }
    expect((await whoIs(cluster.url, token, AUTHENTICATOR)).user).toMatchObject({ nickname: member.name });
  });

  it('signs a linked member in by desktop QR, started on one node and finished on the other', async () => {
    const [member] = await addNewMembers(cluster, 'qr', 1);
    if (!member) throw new Error('no member');
    const first = await signInInClient(cluster, member, uniqueTag('qr-first'));
    expect(first.token, first.failure ?? first.error).toBeDefined();
    const tag = uniqueTag('qr');
    const browser = new HttpBrowser(cluster.url, `${USER_AGENTS.desktopChrome} ${tag}`);

    const result = await browser.signIn(AUTHENTICATOR, { scanAs: member.userid });

    const served = await nodesOf(tag, 2);
    expect(served.map((request) => request.path)).toEqual(['/api/wecom:getAuthUrl', '/api/wecom:redirect']);
    expect(served[1]?.node).not.toBe(served[0]?.node);
    expect(`${result.landed.origin}${result.landed.pathname}`).toBe(`${cluster.url}/admin`);
    const [inClient, byQr] = await Promise.all(
      [first.token, result.token].map((token) => whoIs(cluster.url, token ?? '', AUTHENTICATOR)),
    );
    expect(byQr?.user).toMatchObject({ nickname: member.name });
    expect(byQr?.user?.id).toBe(inClient?.user?.id);
  });

  it('behind TLS, makes the sign-in cookies Secure with the __Host- prefix, as X-Forwarded-Proto says https', async () => {
    const [member] = await addNewMembers(cluster, 'tls', 1);
    if (!member) throw new Error('no member');
    // Over TLS end to end: the first sign-in, inside the client, creates the user and links it.
    const first = await new HttpBrowser(
      cluster.httpsUrl,
      taggedWeComAgent(uniqueTag('tls-first')),
      member.userid,
    ).signIn(TLS_AUTHENTICATOR, { consent: 'allow' });
    expect(first.token, first.hops.join(' → ')).toBeDefined();
    const browser = new HttpBrowser(cluster.httpsUrl, USER_AGENTS.desktopChrome);

    const started = await postGetAuthUrl(browser, TLS_AUTHENTICATOR);
    const signInCookie = setCookie(started, 'nb_wecom_signin_');
    const weComUrl = ((await started.json()) as { data: { url: string } }).data.url;
    const callback = await passWeCom(
      weComUrl,
      { userAgent: browser.userAgent, weComUser: null },
      { scanAs: member.userid },
    );
    const finished = await browser.request(callback);
    const landingCookie = setCookie(finished, 'nb_wecom_landing_');
    const landing = new URL(finished.headers.get('location') ?? '', cluster.httpsUrl);

    for (const cookie of [signInCookie, landingCookie]) {
      expect(cookie).toMatch(/^__Host-nb_wecom_/);
      expect(cookie).toMatch(/;\s*secure/i);
      expect(cookie).toMatch(/;\s*path=\/(;|$)/i);
      expect(cookie).not.toMatch(/;\s*domain=/i);
    }
    expect(signInCookie).toMatch(/;\s*httponly/i);
    expect(landing.origin).toBe(cluster.httpsUrl);
    const session = decodeLandingSession(landing.hash);
    expect((await whoIs(cluster.httpsUrl, session?.token ?? '', TLS_AUTHENTICATOR)).user).toMatchObject({
      nickname: member.name,
    });
  });

  it('on plain HTTP, takes no X-Forwarded-Proto from the client: its cookies stay unsecured and unprefixed', async () => {
    const browser = new HttpBrowser(cluster.url, USER_AGENTS.desktopChrome);

    const started = await postGetAuthUrl(browser, AUTHENTICATOR, { 'X-Forwarded-Proto': 'https' });

    expect(started.status).toBe(200);
    const cookie = setCookie(started, 'nb_wecom_signin_');
    expect(cookie).toMatch(/^nb_wecom_signin_/);
    expect(cookie).not.toMatch(/;\s*secure/i);
  });

  it('refuses on every node an authenticator disabled on one, from the moment it is saved', async () => {
    const [onFirst, onSecond] = cluster.nodes;
    if (!onFirst || !onSecond) throw new Error('two nodes expected');
    const admin = await NocoBaseAdmin.signIn({ appUrl: onFirst.url, root: cluster.root });
    const current = await admin.authenticator(AUTHENTICATOR);
    if (!current) throw new Error(`no authenticator ${AUTHENTICATOR}`);
    const setEnabled = (enabled: boolean) =>
      // plugin-auth's update checks `values.id` for being the last enabled authenticator.
      admin.call('authenticators:update', {
        query: { filterByTk: String(current.id) },
        body: { id: current.id, enabled },
      });
    const startOn = (url: string) => postGetAuthUrl(new HttpBrowser(url, USER_AGENTS.desktopChrome), AUTHENTICATOR);
    // Both nodes have served it, so both hold it in plugin-auth's memory cache.
    const before = await Promise.all([startOn(onFirst.url), startOn(onSecond.url)]);
    try {
      await setEnabled(false);
      const after = await Promise.all([startOn(onFirst.url), startOn(onSecond.url)]);

      expect(before.map((answer) => answer.status)).toEqual([200, 200]);
      expect(after.map((answer) => answer.status)).toEqual([400, 400]);
      const codes = await Promise.all(
        after.map(async (answer) => ((await answer.json()) as { errors?: Array<{ code?: string }> }).errors?.[0]?.code),
      );
      expect(codes).toEqual(['AUTHENTICATOR_UNAVAILABLE', 'AUTHENTICATOR_UNAVAILABLE']);
    } finally {
      await setEnabled(true);
    }
  });

  it('applies a change of the authenticator made on one node on the other at once', async () => {
    const [onFirst, onSecond] = cluster.nodes;
    if (!onFirst || !onSecond) throw new Error('two nodes expected');
    const setAutoSignup = async (node: typeof onFirst, autoSignup: boolean): Promise<void> => {
      const admin = await NocoBaseAdmin.signIn({ appUrl: node.url, root: cluster.root });
      const current = await admin.authenticator(AUTHENTICATOR);
      await admin.setAuthenticatorOptions(AUTHENTICATOR, { ...current?.options, autoSignup });
    };
    const signInNew = async (name: string) => {
      const members = await addNewMembers(cluster, name, 2);
      const tags = members.map(() => uniqueTag(name));
      const outcomes = [];
      // One after the other: round robin then takes the callbacks of the two to different nodes.
      for (const [index, member] of members.entries())
        outcomes.push(await signInInClient(cluster, member, tags[index] ?? ''));
      const entries = await accessLogOnce(cluster, (all) => tags.every((tag) => entriesTagged(all, tag).length >= 3));
      // The node that decided each sign-in: the one that answered its last callback.
      const decidedBy = new Set(
        tags.map((tag) => {
          const last = entriesTagged(entries, tag).at(-1);
          return last && answeredBy(last);
        }),
      );
      return { outcomes, decidedBy };
    };

    try {
      await setAutoSignup(onFirst, false);
      const refused = await signInNew('signup-off');
      await setAutoSignup(onSecond, true);
      const created = await signInNew('signup-on');

      expect(refused.outcomes.map((outcome) => outcome.error)).toEqual(['USER_NOT_FOUND', 'USER_NOT_FOUND']);
      expect(refused.decidedBy.size).toBe(2);
      expect(created.outcomes.map((outcome) => Boolean(outcome.token))).toEqual([true, true]);
      expect(created.decidedBy.size).toBe(2);
    } finally {
      await setAutoSignup(onFirst, true);
    }
  });
});
