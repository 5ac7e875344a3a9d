// The public-address guard over every form a private address hides in, and the pinned request's
// refusal of a name that resolves to one (the resolver answers as a rebinding DNS server would).
import dns from 'node:dns';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { assertPublicHost, assertPublicUrl, isOutboundAddressError, sendOutbound } from '.';

const refusals = (host: string): string | null => {
  try {
    assertPublicHost(host);
    return null;
  } catch (error) {
    if (!isOutboundAddressError(error)) throw error;
    return error.message;
  }
};

describe('outbound guard', () => {
  it('refuses every non-global address form and internal name, and lets public ones through', () => {
    const refused = [
      'localhost', 'localhost.', 'LOCALHOST', 'api.localhost', 'metadata.google.internal.', 'metadata.google.internal', 'printer.local', 'redis',
      '127.0.0.1', '127.1.2.3', '10.0.0.5', '172.16.0.1', '192.168.1.1', '100.64.0.1', '0.0.0.0', '169.254.169.254', '255.255.255.255', '224.0.0.1', '192.0.2.1',
      '[::1]', '[::]', '[::ffff:7f00:1]', '[::ffff:a9fe:a9fe]', '[64:ff9b::7f00:1]', '[64:ff9b::a9fe:a9fe]', '[fe80::1]', '[fd00::1]', '[2002:7f00:1::]', '[2001:db8::1]', '[ff02::1]',
    ];
    for (const host of refused) expect({ host, refused: refusals(host) }).toEqual({ host, refused: expect.any(String) });
    expect(refusals('[::ffff:7f00:1]')).toContain('IPv4-mapped');
    expect(refusals('169.254.169.254')).toContain('link-local');
    for (const host of ['8.8.8.8', '[2001:4860:4860::8888]', 'hooks.example.com', 'partner.example.com.']) expect({ host, refused: refusals(host) }).toEqual({ host, refused: null });
  });

  it('reads URLs the way the WHATWG parser does (decimal and hex IPv4 are loopback too)', async () => {
    for (const url of ['http://2130706433/', 'http://0x7f.1/', 'http://[::ffff:127.0.0.1]:8080/', 'http://localhost.:3000/x']) {
      await expect(assertPublicUrl(url)).rejects.toMatchObject({ code: 'OUTBOUND_ADDRESS_REFUSED' });
    }
  });

  describe('a request', () => {
    let server: Server;
    let port: number;
    let hits = 0;
    beforeAll(async () => {
      server = createServer((_req, res) => {
        hits += 1;
        res.end('x'.repeat(100_000));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('never connects to a private address, by literal or by name, unless private addresses are allowed', async () => {
      const request = { method: 'POST' as const, headers: {}, body: '{}', timeoutMs: 5_000, maxResponseBytes: 4096 };
      await expect(sendOutbound(`http://127.0.0.1:${port}/`, request)).rejects.toMatchObject({ code: 'OUTBOUND_ADDRESS_REFUSED' });
      await expect(sendOutbound(`http://localhost.:${port}/`, request)).rejects.toMatchObject({ code: 'OUTBOUND_ADDRESS_REFUSED' });
      // A public-looking name whose DNS answers a public address and a private one: refused as a whole.
      const lookup = jest.spyOn(dns, 'lookup').mockImplementation(((_host: string, _options: unknown, callback: (error: null, answers: dns.LookupAddress[]) => void) =>
        callback(null, [{ address: '93.184.215.14', family: 4 }, { address: '127.0.0.1', family: 4 }])) as unknown as typeof dns.lookup);
      try {
        await expect(sendOutbound(`http://hooks.partner.example:${port}/`, request)).rejects.toMatchObject({ code: 'OUTBOUND_ADDRESS_REFUSED', message: expect.stringContaining('127.0.0.1') });
        expect(lookup).toHaveBeenCalled();
      } finally {
        lookup.mockRestore();
      }
      expect(hits).toBe(0);
      const answer = await sendOutbound(`http://127.0.0.1:${port}/`, { ...request, allowPrivate: true });
      expect(answer).toMatchObject({ status: 200, truncated: true });
      expect(answer.body).toHaveLength(4096);
    });
  });
});
