// Carriers the hub knows, with the public page where a customer follows a parcel. OTHER is any
// carrier without a known page: tracking is recorded, no URL is built.
import { badInput } from '@oms/platform';

/** `{tracking}` is replaced by the URL-encoded tracking number. */
export const CARRIER_TRACKING_URLS = {
  DHL: 'https://www.dhl.com/global-en/home/tracking.html?tracking-id={tracking}',
  UPS: 'https://www.ups.com/track?tracknum={tracking}',
  FEDEX: 'https://www.fedex.com/fedextrack/?trknbr={tracking}',
  USPS: 'https://tools.usps.com/go/TrackConfirmAction?tLabels={tracking}',
  DPD: 'https://tracking.dpd.de/status/en_US/parcel/{tracking}',
  GLS: 'https://gls-group.com/GROUP/en/parcel-tracking?match={tracking}',
  ROYAL_MAIL: 'https://www.royalmail.com/track-your-item#/tracking-results/{tracking}',
  OTHER: null,
} as const satisfies Record<string, string | null>;

export type CarrierCode = keyof typeof CARRIER_TRACKING_URLS;
export const CARRIER_CODES = Object.keys(CARRIER_TRACKING_URLS) as CarrierCode[];

// Letters, digits and dashes once spaces are dropped: what every listed carrier prints on labels.
const TRACKING_NUMBER = /^[A-Za-z0-9][A-Za-z0-9-]{3,49}$/;

/** `dhl`, ` Royal Mail `, `royal-mail` → DHL, ROYAL_MAIL; anything unknown is bad input. */
export function parseCarrier(raw: string, field: string): CarrierCode {
  const code = raw.trim().toUpperCase().replace(/[\s-]+/g, '_');
  if (!(code in CARRIER_TRACKING_URLS)) throw badInput(field, `${JSON.stringify(raw)} is not a known carrier; use one of ${CARRIER_CODES.join(', ')}`);
  return code as CarrierCode;
}

/** Drops the spaces labels print for readability (`1Z 999 AA1 01` → `1Z999AA101`). */
export function parseTrackingNumber(raw: string, field: string): string {
  const compact = raw.replace(/\s+/g, '');
  if (!TRACKING_NUMBER.test(compact)) throw badInput(field, 'must be 4 to 50 letters, digits or dashes, starting with a letter or digit');
  return compact;
}

export function trackingUrl(carrier: CarrierCode, trackingNumber: string): string | null {
  const pattern = CARRIER_TRACKING_URLS[carrier];
  return pattern ? pattern.replace('{tracking}', encodeURIComponent(trackingNumber)) : null;
}
