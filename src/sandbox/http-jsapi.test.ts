import { createHash } from 'node:crypto';
import { APP, fetchToken, getJson, startTestSandbox } from './test-support.ts';
import type { JsSdkSignatureInput, StartedSandbox } from './types.ts';

/** JS-SDK tickets from the real endpoints, and `/__sandbox/jsapi/verify` checking signatures made with them. */
let sandbox: StartedSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.reset());

const PAGE_URL = `http://${APP.trustedDomain}/admin/settings?tab=wecom`;
const NONCE = 'Wm3WZYTPz0wzccnW';
const TIMESTAMP = 1_700_000_000;

/** Signed independently of the sandbox's own code, straight from wecom-protocol.md §4.7. */
function sign(ticket: string, nonceStr: string, timestamp: number, url: string): string {
  return createHash('sha1')
    .update(`jsapi_ticket=${ticket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${url}`)
    .digest('hex');
}

async function ticketFrom(path: string): Promise<string> {
  const token = await fetchToken(sandbox);
  const body = await getJson(`${sandbox.url}${path}${path.includes('?') ? '&' : '?'}access_token=${token}`);
  if (typeof body.ticket !== 'string') {
    throw new Error(`${path} failed: ${body.errmsg}`);
  }
  return body.ticket;
}

const corpTicket = () => ticketFrom('/cgi-bin/get_jsapi_ticket');
const agentTicket = () => ticketFrom('/cgi-bin/ticket/get?type=agent_config');

function corpInput(ticket: string): JsSdkSignatureInput {
  return {
    kind: 'corp',
    url: PAGE_URL,
    timestamp: TIMESTAMP,
    nonceStr: NONCE,
    signature: sign(ticket, NONCE, TIMESTAMP, PAGE_URL),
  };
}

async function verifyRaw(body: string): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${sandbox.url}/__sandbox/jsapi/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return { status: response.status, json: await response.json() };
}

describe('POST /__sandbox/jsapi/verify', () => {
  it('accepts a signature made with the corp ticket (wx.config)', async () => {
    const ticket = await corpTicket();
    expect(await sandbox.control.verifyJsSdkSignature(corpInput(ticket))).toEqual({ errcode: 0, errmsg: 'ok' });
  });

  it('accepts a signature made with the app ticket (wx.agentConfig)', async () => {
    const ticket = await agentTicket();
    const result = await sandbox.control.verifyJsSdkSignature({
      ...corpInput(ticket),
      kind: 'agent',
      agentId: APP.agentId,
    });
    expect(result).toEqual({ errcode: 0, errmsg: 'ok' });
  });

  it.each([
    ['nonce', { nonceStr: 'another-nonce' }],
    ['url', { url: `${PAGE_URL}&extra=1` }],
    ['timestamp', { timestamp: TIMESTAMP + 1 }],
  ])('answers 40093 when the %s differs from what was signed', async (_field, change) => {
    const ticket = await corpTicket();
    expect(await sandbox.control.verifyJsSdkSignature({ ...corpInput(ticket), ...change })).toEqual({
      errcode: 40093,
      errmsg: 'invalid signature',
    });
  });

  it('ignores a #fragment in the url, on either side', async () => {
    const ticket = await corpTicket();
    const input = corpInput(ticket);
    expect(await sandbox.control.verifyJsSdkSignature({ ...input, url: `${PAGE_URL}#/login?x=1` })).toMatchObject({
      errcode: 0,
    });
    // Signing the fragment is the classic bug; the client strips it before checking, so this fails.
    const withFragment = `${PAGE_URL}#/login`;
    const signedWithFragment = { ...input, url: withFragment, signature: sign(ticket, NONCE, TIMESTAMP, withFragment) };
    expect(await sandbox.control.verifyJsSdkSignature(signedWithFragment)).toMatchObject({ errcode: 40093 });
  });

  it('does not accept an app signature as a corp signature, nor for another app', async () => {
    await corpTicket();
    const ticket = await agentTicket();
    expect(await sandbox.control.verifyJsSdkSignature(corpInput(ticket))).toMatchObject({ errcode: 40093 });
    expect(
      await sandbox.control.verifyJsSdkSignature({ ...corpInput(ticket), kind: 'agent', agentId: 1000099 }),
    ).toMatchObject({ errcode: 42012 });
  });

  it('answers 42012 when no ticket of that kind was ever issued', async () => {
    const ticket = await agentTicket();
    expect(await sandbox.control.verifyJsSdkSignature(corpInput(ticket))).toEqual({
      errcode: 42012,
      errmsg: 'jsapi_ticket invalid',
    });
  });

  it('answers 42012 once the ticket is past its 7200 s on the sandbox clock', async () => {
    const ticket = await corpTicket();
    await sandbox.control.configure({ clockOffsetSeconds: 7199 });
    expect(await sandbox.control.verifyJsSdkSignature(corpInput(ticket))).toMatchObject({ errcode: 0 });
    await sandbox.control.configure({ clockOffsetSeconds: 7201 });
    expect(await sandbox.control.verifyJsSdkSignature(corpInput(ticket))).toMatchObject({ errcode: 42012 });
  });

  it('answers 42012 for a signature made with an expired ticket even when a newer one is valid', async () => {
    const old = await corpTicket();
    await sandbox.control.configure({ clockOffsetSeconds: 7201 });
    const fresh = await corpTicket();
    expect(await sandbox.control.verifyJsSdkSignature(corpInput(old))).toMatchObject({ errcode: 42012 });
    expect(await sandbox.control.verifyJsSdkSignature(corpInput(fresh))).toMatchObject({ errcode: 0 });
    const garbage = { ...corpInput(fresh), signature: '0'.repeat(40) };
    expect(await sandbox.control.verifyJsSdkSignature(garbage)).toMatchObject({ errcode: 40093 });
  });

  it('forgets tickets on reset', async () => {
    const ticket = await corpTicket();
    await sandbox.control.reset();
    expect(await sandbox.control.verifyJsSdkSignature(corpInput(ticket))).toMatchObject({ errcode: 42012 });
  });

  it('is a control path: not counted as a WeCom call', async () => {
    const ticket = await corpTicket();
    await sandbox.control.resetCalls();
    await sandbox.control.verifyJsSdkSignature(corpInput(ticket));
    expect(await sandbox.control.calls()).toEqual({});
  });

  it.each([
    ['kind agent without agentId', { ...corpInput('t'), kind: 'agent' }, 'agentId'],
    ['agentId with kind corp', { ...corpInput('t'), agentId: APP.agentId }, 'agentId'],
    ['an unknown kind', { ...corpInput('t'), kind: 'suite' }, 'kind'],
    ['a timestamp as a string', { ...corpInput('t'), timestamp: String(TIMESTAMP) }, 'timestamp'],
    ['no signature', { kind: 'corp', url: PAGE_URL, timestamp: TIMESTAMP, nonceStr: NONCE }, 'signature'],
  ])('rejects %s: 400 with a readable message', async (_name, body, text) => {
    const { status, json } = await verifyRaw(JSON.stringify(body));
    expect(status).toBe(400);
    expect((json as { error: string }).error).toContain(text);
  });

  it('rejects a body that is not JSON, and the typed client throws', async () => {
    expect(await verifyRaw('kind=corp')).toEqual({ status: 400, json: { error: 'body is not JSON' } });
    const bad = { ...corpInput('t'), timestamp: -1 };
    await expect(sandbox.control.verifyJsSdkSignature(bad)).rejects.toThrow(/400.*timestamp/s);
  });
});
