// The pure parts of webhooks: signatures as a receiver checks them, retry delays, sealed secrets,
// event-type patterns.
import { createHmac } from 'node:crypto';
import { SecretBox } from '@oms/platform';
import { backoffDelay } from './backoff';
import { isKnownPattern, matchesAny } from './event-catalog';
import { signPayload, verifySignature } from './signature';

describe('webhook signatures', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256 and rejects tampering and stale timestamps', () => {
    const now = Date.now();
    const timestamp = Math.floor(now / 1000);
    const body = '{"id":"orders:1"}';
    const header = signPayload('whsec_test', timestamp, body);
    expect(header).toBe(`v1=${createHmac('sha256', 'whsec_test').update(`${timestamp}.${body}`).digest('hex')}`);
    expect(verifySignature('whsec_test', timestamp, body, header, 300, now)).toBe(true);
    expect(verifySignature('whsec_test', timestamp, `${body} `, header, 300, now)).toBe(false);
    expect(verifySignature('whsec_other', timestamp, body, header, 300, now)).toBe(false);
    expect(verifySignature('whsec_test', timestamp, body, header, 300, now + 301_000)).toBe(false);
    expect(verifySignature('whsec_test', timestamp, body, `v1=old ${header}`, 300, now)).toBe(true);
  });
});

describe('retry delays', () => {
  it('grow exponentially up to the cap, with full jitter', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, 1000, 600_000, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelay(30, 1000, 600_000, () => 1)).toBe(600_000);
    expect(backoffDelay(5, 1000, 600_000, () => 0)).toBe(0);
    const delays = Array.from({ length: 200 }, () => backoffDelay(3, 1000, 600_000));
    expect(Math.max(...delays)).toBeLessThanOrEqual(4000);
    expect(new Set(delays).size).toBeGreaterThan(50);
  });
});

describe('sealed endpoint secrets', () => {
  it('open with the same key only, and say so when the key changed', () => {
    const box = new SecretBox('key-one');
    const owner = 'webhook-endpoint:whe_1:secret';
    const sealed = box.seal('whsec_abc', owner);
    expect(sealed).not.toContain('whsec_abc');
    expect(box.seal('whsec_abc', owner)).not.toBe(sealed);
    expect(new SecretBox('key-one').open(sealed, owner)).toBe('whsec_abc');
    expect(() => new SecretBox('key-two').open(sealed, owner)).toThrow(/another key/);
    const [format, kid, iv, tag, data] = sealed.split('.');
    const flipped = `${format}.${kid}.${iv}.${tag}.${data.slice(0, -2)}${data.endsWith('AA') ? 'BA' : 'AA'}`;
    expect(() => box.open(flipped, owner)).toThrow();
  });
});

describe('event type patterns', () => {
  it('accept known types and domain/entity wildcards only', () => {
    expect(['orders.order.status_changed', 'orders.order.*', 'orders.*', 'fulfillment.shipment.*', 'inventory.stock.*'].every(isKnownPattern)).toBe(true);
    expect(['orders.order.exploded', 'orders.nothing.*', '*', '.*', 'billing.*'].some(isKnownPattern)).toBe(false);
    expect(matchesAny(['orders.order.*'], 'orders.order.cancelled')).toBe(true);
    expect(matchesAny(['orders.order.*'], 'orders.payment.captured')).toBe(false);
    expect(matchesAny(['orders.order.placed'], 'orders.order.placed_extra')).toBe(false);
  });
});
