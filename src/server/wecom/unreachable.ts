/**
 * Why a call never reached WeCom's server, read from what Node's fetch (undici) leaves behind its "fetch failed":
 * the system's error code (`ENOTFOUND`, `ECONNREFUSED`, a certificate's `CERT_…`) on one of the causes.
 */
export type UnreachableReason = 'dns' | 'refused' | 'no-route' | 'connect-timeout' | 'tls' | 'blocked-port';

export interface Unreachable {
  reason: UnreachableReason;
  /** The code as the system gave it, e.g. `ENOTFOUND`; for a blocked port, undici's message `bad port`. */
  code: string;
}

const REASON_OF_CODE: Readonly<Record<string, UnreachableReason>> = {
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_FAIL: 'dns',
  EAI_NONAME: 'dns',
  EAI_NODATA: 'dns',
  ECONNREFUSED: 'refused',
  EHOSTUNREACH: 'no-route',
  ENETUNREACH: 'no-route',
  EHOSTDOWN: 'no-route',
  ENETDOWN: 'no-route',
  EADDRNOTAVAIL: 'no-route',
  ETIMEDOUT: 'connect-timeout',
  UND_ERR_CONNECT_TIMEOUT: 'connect-timeout',
  // A TLS handshake with something that does not speak it, e.g. https:// on a plain HTTP port.
  EPROTO: 'tls',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'tls',
  SELF_SIGNED_CERT_IN_CHAIN: 'tls',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'tls',
  UNABLE_TO_GET_ISSUER_CERT: 'tls',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'tls',
  HOSTNAME_MISMATCH: 'tls',
};

/** `CERT_HAS_EXPIRED`, `ERR_TLS_CERT_ALTNAME_INVALID`, `ERR_SSL_WRONG_VERSION_NUMBER` and their kin. */
const TLS_CODE = /^(CERT_|ERR_TLS_|ERR_SSL_)/;

/** How deep causes are followed: undici wraps once or twice, an AggregateError holds one per address tried. */
const MAX_DEPTH = 4;

function reasonOf(code: string): UnreachableReason | null {
  return REASON_OF_CODE[code] ?? (TLS_CODE.test(code) ? 'tls' : null);
}

function find(error: unknown, depth: number): Unreachable | null {
  if (!(error instanceof Error) || depth > MAX_DEPTH) return null;
  const code = (error as { code?: unknown }).code;
  const reason = typeof code === 'string' ? reasonOf(code) : null;
  if (reason && typeof code === 'string') return { reason, code };
  // The fetch standard's blocked ports (1, 25, 6000, …): undici refuses them before connecting.
  if (error.message === 'bad port') return { reason: 'blocked-port', code: 'bad port' };
  const inner = error instanceof AggregateError ? [...error.errors, error.cause] : [error.cause];
  for (const cause of inner) {
    const found = find(cause, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Why the server could not be reached, or null when the failure came later (a connection dropped mid-answer). */
export function unreachableReason(failure: unknown): Unreachable | null {
  return find(failure, 0);
}
