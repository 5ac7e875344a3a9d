// Mapping helpers: exact money by currency exponent, country normalisation, published stock and the
// dead-letter reasons a merchant reads.
import type { CanonicalOrder } from './canonical';
import { buildCanonicalOrder, fromMinorUnits, mapRecord, MappingError, normalizeCountry, publishQuantity, toMinorUnits } from './mappers';

const order = (): CanonicalOrder => ({
  channelOrderId: '1',
  state: 'OPEN',
  currency: 'EUR',
  customer: { email: 'a@example.com' },
  shippingAddress: { name: 'A', line1: '1 Main St', city: 'Berlin', countryCode: 'DE' },
  lines: [{ channelLineId: 'l1', sku: 'SKU-1', quantity: 1, unitPrice: 1000, tax: 190 }],
  shippingPrice: 0,
  discount: 0,
  placedAt: '2025-01-02T03:04:05+01:00',
  updatedAt: '2025-01-02T03:04:05Z',
});

describe('toMinorUnits', () => {
  it('uses the currency exponent exactly, without float drift', () => {
    expect(toMinorUnits('19.99', 'EUR')).toBe(1999);
    expect(toMinorUnits(0.29, 'USD')).toBe(29);
    expect(toMinorUnits('1.1', 'EUR')).toBe(110);
    expect(toMinorUnits('1500', 'JPY')).toBe(1500);
    expect(toMinorUnits('1.234', 'KWD')).toBe(1234);
    expect(toMinorUnits('-5.50', 'EUR')).toBe(-550);
    expect(toMinorUnits('10.005', 'EUR')).toBe(1001);
    expect(fromMinorUnits(1999, 'EUR')).toBe('19.99');
    expect(fromMinorUnits(5, 'KWD')).toBe('0.005');
    expect(fromMinorUnits(1500, 'JPY')).toBe('1500');
  });

  it('names the field for bad amounts and unknown currencies', () => {
    expect(() => toMinorUnits('12,50', 'EUR', 'totalPrice')).toThrow('totalPrice: not a decimal amount: "12,50"');
    expect(() => toMinorUnits('1', 'XYZ')).toThrow(MappingError);
    expect(() => toMinorUnits('1', 'XYZ')).toThrow('unknown ISO-4217 currency "XYZ"');
  });
});

describe('normalizeCountry', () => {
  it('accepts alpha-2, alpha-3, numeric and common names', () => {
    expect(normalizeCountry('de')).toBe('DE');
    expect(normalizeCountry('DEU')).toBe('DE');
    expect(normalizeCountry('276')).toBe('DE');
    expect(normalizeCountry('Germany')).toBe('DE');
    expect(normalizeCountry('Deutschland')).toBe('DE');
    expect(normalizeCountry('United States')).toBe('US');
    expect(normalizeCountry('UK')).toBe('GB');
  });

  it('refuses unknown countries naming the field', () => {
    expect(() => normalizeCountry('Atlantis', 'shippingAddress.countryCode')).toThrow('shippingAddress.countryCode: unknown country "Atlantis"');
    expect(() => normalizeCountry('', 'shippingAddress.countryCode')).toThrow('shippingAddress.countryCode: country is missing');
  });
});

describe('publishQuantity', () => {
  it('publishes available minus the buffer, never below zero', () => {
    expect(publishQuantity(10, 3)).toBe(7);
    expect(publishQuantity(2, 5)).toBe(0);
    expect(publishQuantity(-4, 0)).toBe(0);
    expect(publishQuantity(8)).toBe(8);
  });
});

describe('building canonical orders', () => {
  it('normalises times to UTC', () => {
    expect(buildCanonicalOrder(order()).placedAt).toBe('2025-01-02T02:04:05.000Z');
  });

  it('turns a mapping failure into a dead-letter reason naming the field', () => {
    const broken = { ...order(), lines: [{ ...order().lines[0], sku: '' }] };
    const record = mapRecord('1', { raw: true }, () => buildCanonicalOrder(broken));
    expect(record).toEqual({ ok: false, channelId: '1', raw: { raw: true }, reason: expect.stringMatching(/^lines\[0\]\.sku: is required/) });
    const noCountry = mapRecord('2', {}, () => normalizeCountry(undefined, 'shippingAddress.countryCode'));
    expect(noCountry).toMatchObject({ ok: false, reason: 'shippingAddress.countryCode: country is missing' });
  });
});
