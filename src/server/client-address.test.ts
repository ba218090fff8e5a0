import { clientAddress, trustedProxies } from './client-address';

describe('clientAddress', () => {
  it('is the connection’s address when the client reached the server directly, whatever it forwards', () => {
    expect(clientAddress({ peer: '198.51.100.9', forwardedFor: undefined })).toBe('198.51.100.9');
    expect(clientAddress({ peer: '198.51.100.9', forwardedFor: '203.0.113.1' })).toBe('198.51.100.9');
    expect(clientAddress({ peer: '::ffff:198.51.100.9', forwardedFor: '203.0.113.1' })).toBe('198.51.100.9');
  });

  it('behind a proxy on loopback or the private network: the nearest address that is not a proxy', () => {
    expect(clientAddress({ peer: '127.0.0.1', forwardedFor: '203.0.113.1' })).toBe('203.0.113.1');
    expect(clientAddress({ peer: '::1', forwardedFor: '203.0.113.1' })).toBe('203.0.113.1');
    // The client's own entries come first; the proxies append theirs, so the right-most untrusted one is the client.
    expect(clientAddress({ peer: '10.0.0.5', forwardedFor: '192.0.2.77, 203.0.113.1, 10.0.0.9' })).toBe('203.0.113.1');
    expect(clientAddress({ peer: '127.0.0.1', forwardedFor: undefined })).toBe('127.0.0.1');
    expect(clientAddress({ peer: '::ffff:127.0.0.1', forwardedFor: '' })).toBe('127.0.0.1');
  });

  it('takes IPv6 by its /56, however it is written', () => {
    const key = '2001:db8:1:200::/56';
    expect(clientAddress({ peer: '2001:db8:1:2ff::1', forwardedFor: undefined })).toBe(key);
    expect(clientAddress({ peer: '2001:0db8:0001:0200:ffff:1:2:3', forwardedFor: undefined })).toBe(key);
    expect(clientAddress({ peer: '2001:db8:1:300::1', forwardedFor: undefined })).toBe('2001:db8:1:300::/56');
  });

  it('believes a cloud load balancer in the shared address space, and what WECOM_TRUSTED_PROXIES names instead', () => {
    expect(clientAddress({ peer: '100.64.3.7', forwardedFor: '203.0.113.1' })).toBe('203.0.113.1');
    const publicProxy = trustedProxies('198.51.100.0/24, loopback');
    if (!publicProxy) throw new Error('unreadable');
    expect(clientAddress({ peer: '198.51.100.9', forwardedFor: '203.0.113.1' }, publicProxy)).toBe('203.0.113.1');
    // Named instead of the defaults: a private peer is no longer believed.
    expect(clientAddress({ peer: '10.0.0.5', forwardedFor: '203.0.113.1' }, publicProxy)).toBe('10.0.0.5');
    expect(trustedProxies('not an address')).toBeNull();
    expect(trustedProxies('  ')).not.toBeNull();
  });

  it('names nobody for an address it cannot read', () => {
    expect(clientAddress({ peer: undefined, forwardedFor: '203.0.113.1' })).toBe('unknown');
    expect(clientAddress({ peer: '127.0.0.1', forwardedFor: 'not-an-address' })).toBe('unknown');
  });
});
