// A PrestaShop order (Webservice JSON, display=full) plus its customer, addresses, countries, states and
// currency → the hub's CanonicalOrder. Any unusable field becomes a dead-letter reason naming it.
import { buildCanonicalOrder, compact, MappingError, mapRecord, normalizeCountry, required, toMinorUnits, type CanonicalAddress, type CanonicalOrder, type CanonicalOrderLine, type ChannelRecord } from '@oms/connector-kit';
import type { PsRecord } from '../client';
import type { PrestashopConfig } from '../manifest';
import { shopDateToUtc } from './time';

/** Related records of one page of orders, by id (as strings). */
export interface OrderRelations {
  customers: Map<string, PsRecord>;
  addresses: Map<string, PsRecord>;
  countries: Map<string, PsRecord>;
  states: Map<string, PsRecord>;
  currencies: Map<string, PsRecord>;
}

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value).trim());
const optional = (value: unknown): string | undefined => text(value) || undefined;
const isSetId = (value: unknown): boolean => /^[1-9]\d*$/.test(text(value));

function integer(value: unknown, field: string): number {
  const raw = text(value);
  if (!/^-?\d+$/.test(raw)) throw new MappingError(field, `not a whole number: ${JSON.stringify(value ?? null)}`);
  return Number(raw);
}

function shopDate(value: unknown, field: string, timeZone: string): string {
  const instant = shopDateToUtc(text(value), timeZone);
  if (!instant) throw new MappingError(field, `not a PrestaShop date (YYYY-MM-DD HH:MM:SS): ${JSON.stringify(value ?? null)}`);
  return instant.toISOString();
}

function mapAddress(id: unknown, field: string, relations: OrderRelations): CanonicalAddress {
  const address = relations.addresses.get(text(id));
  if (!address) throw new MappingError(field, `address ${text(id) || '(none)'} not found`);
  const country = relations.countries.get(text(address.id_country));
  if (!country) throw new MappingError(`${field}.id_country`, `country ${text(address.id_country) || '(none)'} not found`);
  const state = isSetId(address.id_state) ? relations.states.get(text(address.id_state)) : undefined;
  const name = [text(address.firstname), text(address.lastname)].filter(Boolean).join(' ');
  return compact({
    name: required(name, `${field}.lastname`),
    company: optional(address.company),
    line1: required(text(address.address1), `${field}.address1`),
    line2: optional(address.address2),
    city: required(text(address.city), `${field}.city`),
    region: state ? optional(state.iso_code) ?? optional(state.name) : undefined,
    postalCode: optional(address.postcode),
    countryCode: normalizeCountry(text(country.iso_code), `${field}.country.iso_code`),
    phone: optional(address.phone) ?? optional(address.phone_mobile),
  });
}

function mapLines(order: PsRecord, currency: string): CanonicalOrderLine[] {
  const rows = (order.associations as { order_rows?: unknown } | undefined)?.order_rows;
  if (!Array.isArray(rows) || rows.length === 0) throw new MappingError('associations.order_rows', 'the order has no rows');
  return rows.map((row: Record<string, unknown>, index) => {
    const field = `associations.order_rows[${index}]`;
    const quantity = integer(row.product_quantity, `${field}.product_quantity`);
    const unitPrice = toMinorUnits(text(row.unit_price_tax_excl), currency, `${field}.unit_price_tax_excl`);
    const unitPriceWithTax = toMinorUnits(text(row.unit_price_tax_incl), currency, `${field}.unit_price_tax_incl`);
    if (unitPriceWithTax < unitPrice) throw new MappingError(`${field}.unit_price_tax_incl`, 'is below unit_price_tax_excl');
    return compact({
      channelLineId: required(text(row.id), `${field}.id`),
      sku: required(text(row.product_reference), `${field}.product_reference`),
      quantity,
      unitPrice,
      tax: (unitPriceWithTax - unitPrice) * quantity,
      name: optional(row.product_name),
    });
  });
}

function mapOrder(order: PsRecord, relations: OrderRelations, config: PrestashopConfig): CanonicalOrder {
  const currencyRecord = relations.currencies.get(text(order.id_currency));
  if (!currencyRecord) throw new MappingError('id_currency', `currency ${text(order.id_currency) || '(none)'} not found`);
  const currency = required(text(currencyRecord.iso_code), 'currency.iso_code').toUpperCase();
  const customerRecord = relations.customers.get(text(order.id_customer));
  if (!customerRecord) throw new MappingError('id_customer', `customer ${text(order.id_customer) || '(none)'} not found`);
  const shippingAddress = mapAddress(order.id_address_delivery, 'id_address_delivery', relations);
  const billingAddress = isSetId(order.id_address_invoice) ? mapAddress(order.id_address_invoice, 'id_address_invoice', relations) : undefined;
  const state = integer(order.current_state, 'current_state') === config.orderStates.cancelled ? 'CANCELLED' : 'OPEN';

  return buildCanonicalOrder(
    compact({
      channelOrderId: String(order.id),
      channelOrderNumber: optional(order.reference),
      state,
      currency,
      customer: compact({
        email: required(text(customerRecord.email), 'customer.email'),
        name: optional([text(customerRecord.firstname), text(customerRecord.lastname)].filter(Boolean).join(' ')),
        phone: shippingAddress.phone,
      }),
      shippingAddress,
      billingAddress,
      lines: mapLines(order, currency),
      // Lines carry prices before tax plus their tax; shipping and discounts are what the customer paid.
      shippingPrice: toMinorUnits(text(order.total_shipping_tax_incl) || '0', currency, 'total_shipping_tax_incl'),
      discount: toMinorUnits(text(order.total_discounts_tax_incl) || '0', currency, 'total_discounts_tax_incl'),
      placedAt: shopDate(order.date_add, 'date_add', config.timeZone),
      updatedAt: shopDate(order.date_upd, 'date_upd', config.timeZone),
    }) as CanonicalOrder,
  );
}

/** Maps one order; never throws (a bad order comes back as `{ ok:false, reason }`). */
export function mapPrestashopOrder(order: PsRecord, relations: OrderRelations, config: PrestashopConfig): ChannelRecord<CanonicalOrder> {
  const record = mapRecord(String(order.id), order, () => mapOrder(order, relations, config));
  return record.ok ? record : { ...record, reason: `order ${order.id}: ${record.reason}` };
}
