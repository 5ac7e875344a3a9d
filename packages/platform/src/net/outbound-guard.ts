// Which addresses the hub may reach on behalf of a caller who chose them (a partner's webhook URL, a
// non-admin's connector base URL): public, globally routable unicast only. Everything else — loopback,
// private, link-local (cloud metadata), carrier-grade NAT, unique-local, IPv4 inside IPv6 (mapped,
// NAT64, 6to4, Teredo), multicast, reserved and documentation ranges — is refused, checked on every
// address a name resolves to, because a name is only as safe as what it points at right now.
import dns from 'node:dns';
import ipaddr from 'ipaddr.js';

/** Names that never leave the machine or the site, whatever a resolver answers for them. */
const INTERNAL_SUFFIXES = ['localhost', 'local', 'internal', 'localdomain', 'home.arpa', 'intranet', 'lan', 'corp', 'private'];

/** An outbound address refused by the guard; `reason` is a sentence meant for the caller. */
export class OutboundAddressError extends Error {
  readonly code = 'OUTBOUND_ADDRESS_REFUSED';

  constructor(
    readonly host: string,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'OutboundAddressError';
  }
}

export function isOutboundAddressError(error: unknown): error is OutboundAddressError {
  return error instanceof OutboundAddressError || (error as { code?: string } | null)?.code === 'OUTBOUND_ADDRESS_REFUSED';
}

/** `host` of a URL without brackets and trailing dots, lower case (`[::1]` → `::1`, `localhost.` → `localhost`). */
export function normalizeHost(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '').replace(/\.+$/, '').toLowerCase();
}

/** ipaddr.js's name for the range `address` is in; `unicast` is the only global one. */
export function addressRange(address: string): string {
  return ipaddr.parse(address).range();
}

export function isPublicAddress(address: string): boolean {
  return ipaddr.isValid(address) && addressRange(address) === 'unicast';
}

/**
 * Refuses a host that is an address outside the public range, or a name that is internal by its
 * form (`localhost`, `*.internal`, a single label such as `redis` that only a local resolver knows).
 * Names that pass still have to resolve to public addresses when they are used.
 */
export function assertPublicHost(hostname: string): void {
  const host = normalizeHost(hostname);
  if (!host) throw new OutboundAddressError(hostname, 'has no host');
  if (ipaddr.isValid(host)) {
    const range = addressRange(host);
    if (range !== 'unicast') throw new OutboundAddressError(host, `${host} is a ${describeRange(range)} address, not a public one`);
    return;
  }
  if (!host.includes('.')) throw new OutboundAddressError(host, `${host} is not a public host name (no domain)`);
  const internal = INTERNAL_SUFFIXES.find((suffix) => host === suffix || host.endsWith(`.${suffix}`));
  if (internal) throw new OutboundAddressError(host, `${host} is an internal host name (.${internal}), not a public one`);
}

/** Refuses the first address in `addresses` that is not public, naming the host it came from. */
export function assertPublicAddresses(host: string, addresses: readonly string[]): void {
  for (const address of addresses) {
    if (!ipaddr.isValid(address)) throw new OutboundAddressError(host, `${host} resolves to ${address}, which is not an IP address`);
    const range = addressRange(address);
    if (range !== 'unicast') throw new OutboundAddressError(host, `${host} resolves to ${address}, a ${describeRange(range)} address, not a public one`);
  }
}

/** Every address `host` resolves to now (through the system resolver, as connections do). */
export async function resolveAll(host: string): Promise<string[]> {
  // The callback form, like the lookup that connects (one resolver for both).
  return new Promise((resolve, reject) => {
    dns.lookup(host, { all: true, verbatim: true }, (error, answers) => (error ? reject(error) : resolve(answers.map((answer) => answer.address))));
  });
}

/**
 * Checks a URL given as configuration: its host's form, and — when the name resolves now — every
 * address it resolves to. A name that does not resolve yet passes here; it is checked again, with the
 * connection pinned, each time a request is sent.
 */
export async function assertPublicUrl(url: string): Promise<void> {
  const { hostname } = new URL(url);
  assertPublicHost(hostname);
  const host = normalizeHost(hostname);
  if (ipaddr.isValid(host)) return;
  let addresses: string[];
  try {
    addresses = await resolveAll(host);
  } catch {
    return;
  }
  assertPublicAddresses(host, addresses);
}

function describeRange(range: string): string {
  const names: Record<string, string> = {
    loopback: 'loopback',
    private: 'private-network',
    linkLocal: 'link-local',
    carrierGradeNat: 'carrier-grade NAT',
    uniqueLocal: 'unique-local',
    unspecified: 'unspecified',
    broadcast: 'broadcast',
    multicast: 'multicast',
    ipv4Mapped: 'IPv4-mapped IPv6',
    rfc6052: 'NAT64 (IPv4-embedded IPv6)',
    rfc6145: 'IPv4-translated IPv6',
    '6to4': '6to4 (IPv4-embedded IPv6)',
    teredo: 'Teredo (IPv4-embedded IPv6)',
    reserved: 'reserved',
  };
  return names[range] ?? `${range} (reserved)`;
}
