import ipaddr from 'ipaddr.js';
import proxyaddr from 'proxy-addr';

/**
 * Whose `X-Forwarded-For` is believed, unless `WECOM_TRUSTED_PROXIES` says otherwise: a reverse proxy on this machine or
 * a private network, as the cluster's nginx is, or in the shared address space that cloud load balancers connect from
 * (100.64.0.0/10). A client that reaches the server directly from anywhere else is the address of its connection,
 * whatever it forwards. NocoBase's own `ctx.state.clientIp` takes the first entry, which the client wrote itself.
 */
export const DEFAULT_TRUSTED_PROXIES: readonly string[] = ['loopback', 'linklocal', 'uniquelocal', '100.64.0.0/10'];

export type TrustedProxies = (address: string, hop: number) => boolean;

/**
 * `WECOM_TRUSTED_PROXIES`: addresses, CIDR ranges or `loopback`/`linklocal`/`uniquelocal`, comma-separated, in place
 * of the defaults (for a proxy on a public address). Null when the setting cannot be read.
 */
export function trustedProxies(setting: string | undefined): TrustedProxies | null {
  const listed = (setting ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  try {
    return proxyaddr.compile(listed.length > 0 ? listed : [...DEFAULT_TRUSTED_PROXIES]);
  } catch {
    return null;
  }
}

const DEFAULT_TRUST = trustedProxies(undefined) as TrustedProxies;

/** What a request says of where it came from. */
export interface RequestOrigin {
  /** The address of the connection, as the socket has it. */
  peer: string | undefined;
  forwardedFor: string | undefined;
}

/**
 * The client a request came from, as one key per client: IPv4 as it is, IPv4-mapped IPv6 as IPv4, and other IPv6 by
 * its /56, the least that one subscriber is commonly given (so rotating within it names nobody new).
 */
export function clientAddress(origin: RequestOrigin, trusted: TrustedProxies = DEFAULT_TRUST): string {
  if (!origin.peer) return 'unknown';
  const request = {
    socket: { remoteAddress: origin.peer },
    headers: origin.forwardedFor === undefined ? {} : { 'x-forwarded-for': origin.forwardedFor },
  };
  const address = proxyaddr(request as unknown as Parameters<typeof proxyaddr>[0], trusted);
  if (!ipaddr.isValid(address)) return 'unknown';
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const [a, b, c, d = '0'] = parsed.toNormalizedString().split(':');
  // The first 56 bits: three groups and the high byte of the fourth.
  return `${a}:${b}:${c}:${(Number.parseInt(d, 16) & 0xff00).toString(16)}::/56`;
}
