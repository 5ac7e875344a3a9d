// The simulated shop's data: tables per Webservice resource, a deterministic seed (the same options
// give the same shop), and a shop clock. The clock starts in the past and moves one second per change,
// as PrestaShop stamps date_upd with second precision, so several changes can share a second.
import { seededRandom } from '@oms/connector-kit';
import { RESOURCES } from './resources';

export type AssociationRow = Record<string, string>;
export type Row = Record<string, unknown> & { id: number; associations?: Record<string, AssociationRow[]> };

export const SHOP_NAME = 'OMS Simulated Shop';
export const DEFAULT_SKUS = ['PS-MUG-001', 'PS-TSHIRT-002', 'PS-POSTER-003', 'PS-NOTEBOOK-004', 'PS-CAP-005', 'PS-HOODIE-006-M'];
/** Default start of the shop clock: seeded orders are placed from here on. */
export const DEFAULT_CLOCK_START = Date.UTC(2024, 2, 1, 8, 0, 0);


export function formatShopDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

const money = (value: number) => value.toFixed(6);
const round = (value: number, precision: number) => Math.round(value * 10 ** precision) / 10 ** precision;

interface Profile {
  countryId: number;
  stateId: number;
  currencyId: number;
  city: string;
  postcode: string;
  street: string;
  tax: number;
}

const PROFILES: Profile[] = [
  { countryId: 8, stateId: 0, currencyId: 1, city: 'Paris', postcode: '75002', street: 'rue Montorgueil', tax: 0.2 },
  { countryId: 1, stateId: 0, currencyId: 1, city: 'Berlin', postcode: '10115', street: 'Invalidenstraße', tax: 0.19 },
  { countryId: 21, stateId: 43, currencyId: 2, city: 'Austin', postcode: '78701', street: 'Congress Avenue', tax: 0.0825 },
  { countryId: 17, stateId: 0, currencyId: 3, city: 'London', postcode: 'EC1V 9LT', street: 'Old Street', tax: 0.2 },
  { countryId: 6, stateId: 0, currencyId: 1, city: 'Madrid', postcode: '28013', street: 'Calle Mayor', tax: 0.21 },
  { countryId: 11, stateId: 0, currencyId: 4, city: 'Tokyo', postcode: '100-0005', street: 'Marunouchi', tax: 0.1 },
];
const FIRST_NAMES = ['Camille', 'Lucas', 'Emma', 'Noah', 'Léa', 'Hugo', 'Chloé', 'Jonas', 'Sofia', 'Mia', 'Aiko', 'Oliver'];
const LAST_NAMES = ['Martin', 'Bernard', 'Dubois', 'Müller', 'Schmidt', 'García', 'Rossi', 'Smith', 'Johnson', 'Tanaka', 'Moreau', 'Laurent'];
/** Currency id → [iso, precision, rate from EUR, shipping incl. tax]. */
const CURRENCIES: Record<number, [string, number, number, number]> = { 1: ['EUR', 2, 1, 4.9], 2: ['USD', 2, 1.1, 5.9], 3: ['GBP', 2, 0.85, 3.95], 4: ['JPY', 0, 160, 800] };
const COUNTRIES: Array<[number, string, string]> = [[1, 'DE', 'Germany'], [6, 'ES', 'Spain'], [8, 'FR', 'France'], [11, 'JP', 'Japan'], [17, 'GB', 'United Kingdom'], [21, 'US', 'United States']];
const STATES: Array<[number, string, string]> = [[5, 'CA', 'California'], [32, 'NY', 'New York'], [43, 'TX', 'Texas']];
const ORDER_STATES: Array<[number, string, { shipped?: boolean; paid?: boolean; delivery?: boolean; logable?: boolean }]> = [
  [1, 'Awaiting check payment', {}],
  [2, 'Payment accepted', { paid: true, logable: true }],
  [3, 'Processing in progress', { paid: true, logable: true, delivery: true }],
  [4, 'Shipped', { paid: true, logable: true, delivery: true, shipped: true }],
  [5, 'Delivered', { paid: true, logable: true, delivery: true, shipped: true }],
  [6, 'Canceled', {}],
  [7, 'Refunded', { paid: true }],
  [8, 'Payment error', {}],
  [9, 'On backorder (paid)', { paid: true, logable: true }],
  [10, 'Awaiting bank wire payment', {}],
  [11, 'Remote payment accepted', { paid: true, logable: true }],
  [12, 'On backorder (not paid)', {}],
  [13, 'Awaiting Cash On Delivery validation', {}],
];
const CARRIERS: Array<[number, string, string]> = [[1, 'Click and collect', ''], [2, 'My carrier', ''], [3, 'DHL', 'https://www.dhl.com/en/express/tracking.html?AWB=@'], [4, 'UPS', 'https://www.ups.com/track?tracknum=@'], [5, 'Colissimo', 'https://www.laposte.fr/outils/suivre-vos-envois?code=@']];

export class SimulatedShop {
  readonly tables: Record<string, Map<number, Row>> = Object.fromEntries(Object.keys(RESOURCES).map((name) => [name, new Map<number, Row>()]));
  readonly skus: string[];
  /** Order-state e-mails the shop sent (`sendemail=1` on an order history). */
  readonly emails: Array<{ orderId: number; stateId: number }> = [];
  private readonly rng: () => number;
  private readonly start: number;
  private clock: number;
  private nextOrderRowId = 1;
  private readonly customerIds: number[] = [];
  private readonly addressOf = new Map<number, Row>();
  private readonly nextIds = new Map<string, number>();
  /** SKU → [product id, combination id (0: simple product), base price in EUR]. */
  private readonly catalog = new Map<string, [number, number, number]>();

  constructor(options: { orders: number; skus?: string[]; seed?: number; clockStart?: number }) {
    this.start = Math.floor((options.clockStart ?? DEFAULT_CLOCK_START) / 1000) * 1000;
    this.clock = this.start;
    this.skus = options.skus?.length ? [...options.skus] : [...DEFAULT_SKUS];
    this.rng = seededRandom(options.seed ?? 20240301);
    this.seedReferenceData();
    this.seedCatalog();
    const customers = Math.max(5, Math.ceil(options.orders / 3));
    for (let index = 0; index < customers; index++) this.customerIds.push(this.createCustomer(index));
    for (let index = 1; index <= options.orders; index++) this.seedOrder(index);
  }

  /** The shop clock's current second; each change takes a new one. */
  tick(): string {
    this.clock += 1000;
    return formatShopDate(this.clock);
  }

  table(resource: string): Map<number, Row> {
    return this.tables[resource];
  }

  insert(resource: string, fields: Record<string, unknown>): Row {
    const table = this.table(resource);
    // Auto-increment; the first insert starts after rows seeded with explicit ids.
    const id = this.nextIds.get(resource) ?? Math.max(0, ...table.keys()) + 1;
    this.nextIds.set(resource, id + 1);
    const row: Row = { id };
    for (const field of RESOURCES[resource].fields) row[field] = fields[field] === undefined || fields[field] === null ? '' : String(fields[field]);
    if (fields.associations) row.associations = fields.associations as Row['associations'];
    table.set(id, row);
    return row;
  }

  /** New orders placed now (all in the same second, as a burst of checkouts would be). */
  addOrders(count: number): string[] {
    const at = this.tick();
    const ids: string[] = [];
    for (let index = 0; index < count; index++) ids.push(String(this.createOrder(at, at, 2).id));
    return ids;
  }

  /** Moves an order to a state the way OrderHistory::addWs does: a history row, current_state, date_upd. */
  changeState(orderId: number, stateId: number): Row {
    const order = this.table('orders').get(orderId);
    if (!order) throw new Error(`no order ${orderId}`);
    const at = this.tick();
    const history = this.insert('order_histories', { id_employee: 0, id_order_state: stateId, id_order: orderId, date_add: at });
    order.current_state = String(stateId);
    order.date_upd = at;
    if (this.table('order_states').get(stateId)?.paid === '1') order.valid = '1';
    return history;
  }

  /** Where a SKU's quantity lives: the stock_available row of its product or combination. */
  stockRow(sku: string): Row | undefined {
    const entry = this.catalog.get(sku);
    if (!entry) return undefined;
    const [productId, combinationId] = entry;
    return [...this.table('stock_availables').values()].find((row) => row.id_product === String(productId) && row.id_product_attribute === String(combinationId));
  }

  /** PrestaShop keeps a product's attribute-0 row at the sum of its combinations. */
  syncProductTotal(productId: string): void {
    const rows = [...this.table('stock_availables').values()].filter((row) => row.id_product === productId);
    const combos = rows.filter((row) => row.id_product_attribute !== '0');
    const total = rows.find((row) => row.id_product_attribute === '0');
    if (combos.length && total) total.quantity = String(combos.reduce((sum, row) => sum + Number(row.quantity || 0), 0));
  }

  private pick<T>(values: T[]): T {
    return values[Math.floor(this.rng() * values.length)];
  }

  private token(length: number, alphabet: string): string {
    return Array.from({ length }, () => alphabet[Math.floor(this.rng() * alphabet.length)]).join('');
  }

  private seedReferenceData(): void {
    this.insert('shops', { id_shop_group: 1, id_category: 2, active: 1, deleted: 0, name: SHOP_NAME, theme_name: 'classic' });
    for (const [id, [iso, precision]] of Object.entries(CURRENCIES)) {
      this.table('currencies').set(Number(id), { id: Number(id), names: iso, name: iso, symbol: iso, iso_code: iso, numeric_iso_code: '', precision: String(precision), conversion_rate: '1.000000', deleted: '0', active: '1' });
    }
    for (const [id, iso, name] of COUNTRIES) {
      this.table('countries').set(id, { id, id_zone: '1', id_currency: '0', call_prefix: '0', iso_code: iso, active: '1', contains_states: iso === 'US' ? '1' : '0', need_identification_number: '0', need_zip_code: '1', zip_code_format: '', display_tax_label: '1', name });
    }
    for (const [id, iso, name] of STATES) this.table('states').set(id, { id, id_zone: '2', id_country: '21', iso_code: iso, name, active: '1' });
    for (const [id, name, flags] of ORDER_STATES) {
      const bit = (flag?: boolean) => (flag ? '1' : '0');
      this.table('order_states').set(id, { id, unremovable: '1', delivery: bit(flags.delivery), hidden: '0', send_email: bit(flags.shipped), module_name: '', invoice: bit(flags.paid), color: '#34209E', logable: bit(flags.logable), shipped: bit(flags.shipped), paid: bit(flags.paid), pdf_delivery: '0', pdf_invoice: bit(flags.paid), deleted: '0', name, template: flags.shipped ? 'shipped' : '' });
    }
    for (const [id, name, url] of CARRIERS) {
      this.table('carriers').set(id, { id, deleted: '0', is_module: '0', id_tax_rules_group: '1', id_reference: String(id), name, active: '1', is_free: '0', url, shipping_handling: '1', shipping_external: '0', range_behavior: '0', shipping_method: '1', max_width: '0', max_height: '0', max_depth: '0', max_weight: '0.000000', grade: '0', external_module_name: '', need_range: '0', position: String(id - 1), delay: 'Delivery next day!' });
    }
  }

  /** One product per SKU; with three SKUs or more, the last one is a combination (a size) of a product of its own. */
  private seedCatalog(): void {
    const at = formatShopDate(this.start - 86_400_000);
    const lastIsCombination = this.skus.length >= 3;
    this.skus.forEach((sku, index) => {
      const price = round(12.5 + 7.25 * index, 2);
      const combination = lastIsCombination && index === this.skus.length - 1;
      const product = this.insert('products', {
        id_manufacturer: 0, id_supplier: 0, id_category_default: 2, new: 0, id_default_combination: 0, id_tax_rules_group: 1, type: combination ? 'combinations' : 'simple',
        id_shop_default: 1, reference: combination ? '' : sku, supplier_reference: '', ean13: '', state: 1, price: money(price), active: 1, date_add: at, date_upd: at,
        name: combination ? `Product ${sku.replace(/-[^-]+$/, '')}` : `Product ${sku}`,
      });
      const quantity = 20 + Math.floor(this.rng() * 80);
      let combinationId = 0;
      if (combination) {
        combinationId = this.insert('combinations', { id_product: product.id, location: '', ean13: '', isbn: '', upc: '', mpn: '', quantity: 0, reference: sku, supplier_reference: '', wholesale_price: money(0), price: money(0), ecotax: money(0), weight: money(0), unit_price_impact: money(0), minimal_quantity: 1, default_on: 1, available_date: '0000-00-00' }).id;
        product.id_default_combination = String(combinationId);
        this.insert('stock_availables', { id_product: product.id, id_product_attribute: 0, id_shop: 1, id_shop_group: 0, quantity, depends_on_stock: 0, out_of_stock: 2, location: '' });
      }
      this.insert('stock_availables', { id_product: product.id, id_product_attribute: combinationId, id_shop: 1, id_shop_group: 0, quantity, depends_on_stock: 0, out_of_stock: 2, location: '' });
      product.associations = {
        combinations: combinationId ? [{ id: String(combinationId) }] : [],
        stock_availables: [...this.table('stock_availables').values()].filter((row) => row.id_product === String(product.id)).map((row) => ({ id: String(row.id), id_product_attribute: String(row.id_product_attribute) })),
      };
      this.catalog.set(sku, [product.id, combinationId, price]);
    });
  }

  private createCustomer(index: number): number {
    const at = formatShopDate(this.start - 3_600_000);
    const firstname = FIRST_NAMES[index % FIRST_NAMES.length];
    const lastname = LAST_NAMES[Math.floor(index / FIRST_NAMES.length + index) % LAST_NAMES.length];
    const customer = this.insert('customers', {
      id_default_group: 3, id_lang: 1, newsletter_date_add: '0000-00-00 00:00:00', secure_key: this.token(32, '0123456789abcdef'), deleted: 0, lastname, firstname,
      email: `${firstname}.${lastname}.${index + 1}@example.com`.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase(),
      id_gender: 1, birthday: '0000-00-00', newsletter: 0, optin: 0, website: '', company: '', active: 1, is_guest: 0, id_shop: 1, id_shop_group: 1, date_add: at, date_upd: at,
    });
    const profile = PROFILES[index % PROFILES.length];
    const address = this.insert('addresses', {
      id_customer: customer.id, id_manufacturer: 0, id_supplier: 0, id_warehouse: 0, id_country: profile.countryId, id_state: profile.stateId, alias: 'My address',
      company: index % 4 === 3 ? 'Acme SARL' : '', lastname, firstname, vat_number: '', address1: `${10 + index} ${profile.street}`, address2: index % 3 === 2 ? `Apt ${index}` : '',
      postcode: profile.postcode, city: profile.city, other: '', phone: `+33 1 23 45 ${String(index % 100).padStart(2, '0')} 00`, phone_mobile: '', dni: '', deleted: 0, date_add: at, date_upd: at,
    });
    this.addressOf.set(customer.id, address);
    return customer.id;
  }

  private seedOrder(index: number): void {
    // Two orders per minute, both in the same second; every 7th one was edited three hours later.
    // All seeded orders are open: cancellations happen through cancelOrder, as a merchant would.
    const placed = this.start + Math.floor((index - 1) / 2) * 60_000;
    const updated = index % 7 === 0 ? placed + 3 * 3_600_000 : placed;
    this.createOrder(formatShopDate(placed), formatShopDate(updated), [2, 2, 3, 10][index % 4]);
    this.clock = Math.max(this.clock, updated);
  }

  private createOrder(dateAdd: string, dateUpd: string, state: number): Row {
    const customerId = this.pick(this.customerIds);
    const address = this.addressOf.get(customerId)!;
    const profile = PROFILES.find((candidate) => String(candidate.countryId) === address.id_country)!;
    const [, precision, rate, shipping] = CURRENCIES[profile.currencyId];
    const lineCount = 1 + Math.floor(this.rng() * 3);
    const shuffled = [...this.skus];
    for (let index = shuffled.length - 1; index > 0; index--) {
      const other = Math.floor(this.rng() * (index + 1));
      [shuffled[index], shuffled[other]] = [shuffled[other], shuffled[index]];
    }
    const skus = shuffled.slice(0, Math.min(lineCount, shuffled.length));
    let products = 0;
    let productsWithTax = 0;
    const rows: AssociationRow[] = skus.map((sku) => {
      const [productId, combinationId, basePrice] = this.catalog.get(sku)!;
      const quantity = 1 + Math.floor(this.rng() * 3);
      const excl = round(basePrice * rate, precision);
      const incl = round(excl * (1 + profile.tax), precision);
      products += excl * quantity;
      productsWithTax += incl * quantity;
      const name = this.table('products').get(productId)!.name as string;
      return {
        id: String(this.nextOrderRowId++), product_id: String(productId), product_attribute_id: String(combinationId), product_quantity: String(quantity),
        product_name: combinationId ? `${name} - Size : M` : name, product_reference: sku, product_ean13: '', product_isbn: '', product_upc: '',
        product_price: money(excl), id_customization: '0', unit_price_tax_incl: money(incl), unit_price_tax_excl: money(excl),
      };
    });
    const orderNumber = this.table('orders').size + 1;
    const discountWithTax = orderNumber % 5 === 0 ? round(5 * rate, precision) : 0;
    const discount = round(discountWithTax / (1 + profile.tax), 6);
    const shippingTax = round(shipping / (1 + profile.tax), 6);
    const paidWithTax = round(productsWithTax + shipping - discountWithTax, precision);
    const paid = round(products + shippingTax - discount, 6);
    const carrierId = orderNumber % 3 === 0 ? 3 : 2;
    const paidState = this.table('order_states').get(state)?.paid === '1';
    const order = this.insert('orders', {
      id_address_delivery: address.id, id_address_invoice: address.id, id_cart: orderNumber, id_currency: profile.currencyId, id_lang: 1, id_customer: customerId,
      id_carrier: carrierId, current_state: state, module: 'ps_wirepayment', invoice_number: 0, invoice_date: '0000-00-00 00:00:00', delivery_number: 0,
      delivery_date: '0000-00-00 00:00:00', valid: paidState ? 1 : 0, date_add: dateAdd, date_upd: dateUpd, shipping_number: '', id_shop_group: 1, id_shop: 1,
      secure_key: this.token(32, '0123456789abcdef'), payment: 'Bank transfer', recyclable: 0, gift: 0, gift_message: '', mobile_theme: 0,
      total_discounts: money(discountWithTax), total_discounts_tax_incl: money(discountWithTax), total_discounts_tax_excl: money(discount),
      total_paid: money(paidWithTax), total_paid_tax_incl: money(paidWithTax), total_paid_tax_excl: money(paid), total_paid_real: money(paidState ? paidWithTax : 0),
      total_products: money(products), total_products_wt: money(productsWithTax), total_shipping: money(shipping), total_shipping_tax_incl: money(shipping),
      total_shipping_tax_excl: money(shippingTax), carrier_tax_rate: (profile.tax * 100).toFixed(3), total_wrapping: money(0), total_wrapping_tax_incl: money(0),
      total_wrapping_tax_excl: money(0), round_mode: 2, round_type: 2, conversion_rate: rate.toFixed(6), reference: this.token(9, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
      associations: { order_rows: rows },
    });
    this.insert('order_carriers', { id_order: order.id, id_carrier: carrierId, id_order_invoice: 0, weight: '0.000000', shipping_cost_tax_excl: money(shippingTax), shipping_cost_tax_incl: money(shipping), tracking_number: '', date_add: dateAdd });
    this.insert('order_histories', { id_employee: 0, id_order_state: state, id_order: order.id, date_add: dateUpd });
    return order;
  }
}
