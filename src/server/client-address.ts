import ipaddr from 'ipaddr.js';
import proxyaddr from 'proxy-addr';

/**
 * Whose `X-Forwarded-For` is believed: a reverse proxy on this machine or the private network, as the cluster's nginx
 * is. A client that reaches the server directly from anywhere else is the address of its connection, whatever it
 * forwards. NocoBase's own `ctx.state.clientIp` takes the first entry, which the client wrote itself.
 */
const TRUSTED_PROXIES = proxyaddr.compile(['loopback', 'linklocal', 'uniquelocal']);

/** What a request says of where it came from. */
export interface RequestOrigin {
  /** The address of the connection, as the socket has it. */
  peer: string | undefined;
  forwardedFor: string | undefined;
}

/**
 * The client a request came from, as one key per client: IPv4 as it is, IPv4-mapped IPv6 as IPv4, and other IPv6 by
 * its /64, which one subscriber is commonly given whole (so rotating within it names nobody new).
 */
export function clientAddress(origin: RequestOrigin): string {
  if (!origin.peer) return 'unknown';
  const request = {
    socket: { remoteAddress: origin.peer },
    headers: origin.forwardedFor === undefined ? {} : { 'x-forwarded-for': origin.forwardedFor },
  };
  const address = proxyaddr(request as unknown as Parameters<typeof proxyaddr>[0], TRUSTED_PROXIES);
  if (!ipaddr.isValid(address)) return 'unknown';
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  return `${parsed.toNormalizedString().split(':').slice(0, 4).join(':')}::/64`;
}
