import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import { errcodeText, formatErrmsg, normaliseIp } from './errcodes.ts';
import { randomHex } from './random.ts';
import type { SandboxState } from './sandbox-state.ts';

export type SandboxEnv = { Bindings: HttpBindings };
export type SandboxContext = Context<SandboxEnv>;

/** The caller's address as WeCom sees it: the socket peer, never a forwarded header. */
export function callerIp(c: SandboxContext): string {
  const address = c.env?.incoming?.socket?.remoteAddress;
  // Only undefined when the app is driven without a socket (Hono's app.request in a unit test).
  return address ? normaliseIp(address) : '127.0.0.1';
}

export interface ErrorBody {
  errcode: number;
  errmsg: string;
}

export function errorBody(state: SandboxState, c: SandboxContext, errcode: number, text?: string): ErrorBody {
  return {
    errcode,
    errmsg: formatErrmsg(errcode, text ?? errcodeText(errcode), {
      nowSeconds: Math.floor(state.nowMs() / 1000),
      sequence: state.nextErrmsgSequence(),
      randomHex: randomHex(16),
      callerIp: callerIp(c),
    }),
  };
}

/** Query or form fields with empty values dropped, since WeCom treats `agentid=` like no agentid. */
export function nonEmptyFields(fields: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
    ),
  );
}

/** Form posts from the sandbox's own pages; file fields cannot occur there and are dropped. */
export async function readForm(c: SandboxContext): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return nonEmptyFields(body);
}
