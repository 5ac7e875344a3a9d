// An X12 850 purchase order to a canonical order: BEG03 is the PO number (and the channel order id),
// N1*ST with N3/N4 the ship-to, PO1 lines with the SKU under a product qualifier (SK, VN...),
// CUR the currency, DTM 010/002 the requested ship and delivery dates, CTT the line count.
// Every problem is a segment error that the 997 reports (AK3/AK4) and the dead letter names.
import type { CanonicalOrder } from '@oms/connector-kit';
import type { EdiSegment, EdiTransaction } from './x12-read';

/** X12 AK4 element error codes used here. */
export const ELEMENT_ERROR = { MANDATORY_MISSING: '1', INVALID_CHARACTER: '6', INVALID_CODE: '7', INVALID_DATE: '8' } as const;

export interface SegmentError {
  tag: string;
  position: number;
  /** Element position (1-based) when one element is at fault. */
  element?: number;
  /** AK4 error code. */
  code: string;
  value?: string;
  message: string;
}

export interface PoOptions {
  defaultCurrency: string;
  skuQualifiers: string[];
  /** Customer e-mail for orders whose 850 has no PER*...*EM contact. */
  buyerEmail?: string;
}

export type PoResult = { ok: true; order: CanonicalOrder; poNumber: string } | { ok: false; poNumber: string; errors: SegmentError[] };

function x12DateToIso(value: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!match) return null;
  const date = new Date(`${match[1]}-${match[2]}-${match[3]}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function describeSegmentError(error: SegmentError): string {
  const element = error.element ? `${error.tag}${String(error.element).padStart(2, '0')}` : error.tag;
  return `segment ${error.position} (${element}): ${error.message}`;
}

export function purchaseOrderFrom850(transaction: EdiTransaction, received: string, options: PoOptions): PoResult {
  const errors: SegmentError[] = [];
  const fail = (segment: EdiSegment | { tag: string; position: number }, element: number | undefined, code: string, message: string, value?: string) =>
    errors.push({ tag: segment.tag, position: segment.position, element, code, message, value });
  const find = (tag: string, qualifier?: string) => transaction.segments.find((segment) => segment.tag === tag && (qualifier === undefined || segment.elements[1] === qualifier));

  const beg = find('BEG');
  const poNumber = beg?.elements[3] ?? '';
  if (!beg) fail({ tag: 'BEG', position: 2 }, undefined, '3', 'the BEG segment is missing');
  else if (!poNumber) fail(beg, 3, ELEMENT_ERROR.MANDATORY_MISSING, 'the purchase order number is missing');
  const placedAt = beg?.elements[5] ? x12DateToIso(beg.elements[5]) : received;
  if (beg && !placedAt) fail(beg, 5, ELEMENT_ERROR.INVALID_DATE, `"${beg.elements[5]}" is not a CCYYMMDD date`, beg.elements[5]);

  const currency = find('CUR')?.elements[2] || options.defaultCurrency;
  const dates: Record<string, string | undefined> = {};
  for (const dtm of transaction.segments.filter((segment) => segment.tag === 'DTM')) {
    const iso = x12DateToIso(dtm.elements[2] ?? '');
    if (!iso) fail(dtm, 2, ELEMENT_ERROR.INVALID_DATE, `"${dtm.elements[2] ?? ''}" is not a CCYYMMDD date`, dtm.elements[2]);
    else dates[dtm.elements[1]] = iso;
  }

  // The ship-to loop: N1*ST then its N3/N4 until the next N1.
  const n1Index = transaction.segments.findIndex((segment) => segment.tag === 'N1' && segment.elements[1] === 'ST');
  const shipTo = n1Index >= 0 ? transaction.segments[n1Index] : undefined;
  const loop = shipTo ? transaction.segments.slice(n1Index + 1).filter((_, index, rest) => rest.slice(0, index + 1).every((segment) => segment.tag !== 'N1')) : [];
  const n3 = loop.find((segment) => segment.tag === 'N3');
  const n4 = loop.find((segment) => segment.tag === 'N4');
  if (!shipTo) fail({ tag: 'N1', position: beg ? beg.position + 1 : 2 }, undefined, '3', 'the ship-to (N1*ST) loop is missing');
  else if (!shipTo.elements[2]) fail(shipTo, 2, ELEMENT_ERROR.MANDATORY_MISSING, 'the ship-to name is missing');
  if (shipTo && !n3?.elements[1]) fail(n3 ?? { tag: 'N3', position: shipTo.position + 1 }, 1, ELEMENT_ERROR.MANDATORY_MISSING, 'the ship-to address line is missing');
  if (shipTo && (!n4?.elements[1] || !n4.elements[4])) fail(n4 ?? { tag: 'N4', position: shipTo.position + 2 }, n4?.elements[1] ? 4 : 1, ELEMENT_ERROR.MANDATORY_MISSING, 'the ship-to city and country are required');
  const country = (n4?.elements[4] ?? '').toUpperCase();
  if (country && !/^[A-Z]{2}$/.test(country)) fail(n4!, 4, ELEMENT_ERROR.INVALID_CODE, `"${country}" is not an ISO-3166 alpha-2 country`, country);

  // PER*BD*name*TE*phone*EM*address: qualifier/value pairs from PER03.
  const email = transaction.segments
    .filter((segment) => segment.tag === 'PER')
    .flatMap((segment) => [3, 5, 7].filter((index) => segment.elements[index] === 'EM').map((index) => segment.elements[index + 1]))
    .find(Boolean);
  const customerEmail = email || options.buyerEmail;
  if (!customerEmail) fail(find('PER') ?? shipTo ?? { tag: 'PER', position: 2 }, undefined, '3', 'no PER contact with an EM (e-mail) and no buyerEmail configured for this connection');

  const lines: CanonicalOrder['lines'] = [];
  for (const po1 of transaction.segments.filter((segment) => segment.tag === 'PO1')) {
    const quantity = po1.elements[2] ?? '';
    if (!/^\d+$/.test(quantity) || Number(quantity) < 1) fail(po1, 2, quantity ? ELEMENT_ERROR.INVALID_CHARACTER : ELEMENT_ERROR.MANDATORY_MISSING, `quantity "${quantity}" is not a whole number of at least 1`, quantity);
    const price = po1.elements[4] ?? '';
    if (price && !/^\d+(\.\d+)?$/.test(price)) fail(po1, 4, ELEMENT_ERROR.INVALID_CHARACTER, `unit price "${price}" is not a decimal`, price);
    let sku: string | undefined;
    for (let index = 6; index < po1.elements.length; index += 2) {
      if (options.skuQualifiers.includes(po1.elements[index]) && po1.elements[index + 1]) {
        sku = po1.elements[index + 1];
        break;
      }
    }
    if (!sku) fail(po1, 7, ELEMENT_ERROR.MANDATORY_MISSING, `no product id with qualifier ${options.skuQualifiers.join(' or ')}`);
    lines.push({ channelLineId: po1.elements[1] || String(lines.length + 1), sku: sku ?? '', quantity: Number(quantity), unitPrice: Math.round(Number(price || 0) * 100), tax: 0 });
  }
  if (!lines.length) fail({ tag: 'PO1', position: transaction.segments.length + 1 }, undefined, '3', 'the order has no PO1 line');
  const ctt = find('CTT');
  if (ctt && Number(ctt.elements[1]) !== lines.length) fail(ctt, 1, ELEMENT_ERROR.INVALID_CHARACTER, `CTT says ${ctt.elements[1]} lines, the order has ${lines.length}`, ctt.elements[1]);

  if (errors.length) return { ok: false, poNumber, errors };
  const shipName = shipTo!.elements[2];
  const order: CanonicalOrder = {
    channelOrderId: poNumber,
    channelOrderNumber: poNumber,
    purchaseOrderNumber: poNumber,
    // BEG01 01 = cancellation of a purchase order.
    state: beg!.elements[1] === '01' ? 'CANCELLED' : 'OPEN',
    currency: currency.toUpperCase(),
    customer: { email: customerEmail!, name: find('N1', 'BY')?.elements[2] || shipName },
    shippingAddress: { name: shipName, line1: n3!.elements[1], line2: n3!.elements[2] || undefined, city: n4!.elements[1], region: n4!.elements[2] || undefined, postalCode: n4!.elements[3] || undefined, countryCode: country },
    lines,
    shippingPrice: 0,
    discount: 0,
    placedAt: placedAt!,
    updatedAt: received,
    promise: dates['010'] || dates['002'] ? { latestShipAt: dates['010'], latestDeliveryAt: dates['002'] } : undefined,
  };
  return { ok: true, order, poNumber };
}
