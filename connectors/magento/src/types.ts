// Magento 2 REST payload shapes (snake_case, as the API sends them) shared by the connector and the
// simulator. Only the fields this connector reads or the simulator serves; Magento sends many more.

/** `YYYY-MM-DD HH:mm:ss`, UTC, second precision (how Magento stores and filters timestamps). */
export type MagentoTimestamp = string;

export interface MagentoAddress {
  entity_id?: number;
  parent_id?: number;
  address_type: 'billing' | 'shipping';
  firstname: string;
  lastname: string;
  company?: string | null;
  street: string[];
  city: string;
  region?: string | null;
  region_code?: string | null;
  postcode?: string | null;
  /** ISO-3166-1 alpha-2. */
  country_id: string;
  telephone?: string | null;
  email?: string | null;
}

export interface MagentoOrderItem {
  item_id: number;
  order_id: number;
  parent_item_id?: number;
  /** Child lines of configurable products carry their parent inline. */
  parent_item?: MagentoOrderItem;
  sku: string | null;
  name: string;
  product_id: number;
  product_type: 'simple' | 'configurable' | 'bundle' | 'virtual' | 'downloadable';
  qty_ordered: number;
  qty_shipped: number;
  qty_canceled: number;
  qty_invoiced: number;
  price: number;
  base_price: number;
  original_price: number;
  price_incl_tax: number;
  row_total: number;
  row_total_incl_tax: number;
  tax_amount: number;
  tax_percent: number;
  discount_amount: number;
  weight?: number;
  is_virtual: 0 | 1;
  store_id: number;
  created_at: MagentoTimestamp;
  updated_at: MagentoTimestamp;
}

export interface MagentoOrder {
  entity_id: number;
  increment_id: string;
  state: string;
  status: string;
  store_id: number;
  created_at: MagentoTimestamp;
  updated_at: MagentoTimestamp;
  customer_id?: number | null;
  customer_is_guest: 0 | 1;
  customer_email: string | null;
  customer_firstname?: string | null;
  customer_lastname?: string | null;
  base_currency_code: string;
  order_currency_code: string | null;
  global_currency_code: string;
  store_currency_code: string;
  base_to_order_rate: number;
  grand_total: number;
  base_grand_total: number;
  subtotal: number;
  base_subtotal: number;
  tax_amount: number;
  base_tax_amount: number;
  shipping_amount: number;
  base_shipping_amount: number;
  shipping_description?: string;
  /** Negative (a discount lowers the total). */
  discount_amount: number;
  base_discount_amount: number;
  total_qty_ordered: number;
  total_item_count: number;
  items: MagentoOrderItem[];
  billing_address?: MagentoAddress;
  payment?: { method: string; amount_ordered: number; base_amount_ordered: number };
  status_histories: Array<{ comment: string; created_at: MagentoTimestamp; status: string }>;
  extension_attributes?: {
    shipping_assignments?: Array<{
      shipping: { address?: MagentoAddress; method?: string; total?: Record<string, number> };
      items: MagentoOrderItem[];
    }>;
  };
}

export interface MagentoShipmentTrack {
  entity_id: number;
  parent_id: number;
  order_id: number;
  track_number: string;
  title: string;
  carrier_code: string;
  created_at: MagentoTimestamp;
  updated_at: MagentoTimestamp;
}

export interface MagentoShipmentComment {
  entity_id: number;
  parent_id: number;
  comment: string;
  is_customer_notified: 0 | 1;
  is_visible_on_front: 0 | 1;
  created_at: MagentoTimestamp;
}

export interface MagentoShipment {
  entity_id: number;
  increment_id: string;
  order_id: number;
  store_id: number;
  total_qty: number;
  created_at: MagentoTimestamp;
  updated_at: MagentoTimestamp;
  items: Array<{ entity_id: number; parent_id: number; order_item_id: number; sku: string | null; name: string; qty: number; price: number }>;
  tracks: MagentoShipmentTrack[];
  comments: MagentoShipmentComment[];
}

export interface MagentoSourceItem {
  sku: string;
  source_code: string;
  quantity: number;
  /** 1: in stock, 0: out of stock. */
  status: 0 | 1;
}

export interface MagentoSource {
  source_code: string;
  name: string;
  enabled: boolean;
  country_id: string;
  postcode: string;
}

export interface MagentoStoreConfig {
  id: number;
  code: string;
  website_id: number;
  locale: string;
  base_currency_code: string;
  default_display_currency_code: string;
  timezone: string;
  weight_unit: string;
  base_url: string;
  secure_base_url: string;
}

/** The search results every `getList` endpoint answers with. */
export interface MagentoSearchResult<T> {
  items: T[];
  search_criteria: unknown;
  total_count: number;
}

/** Magento's error body: `%1` / `%name` placeholders in `message`, filled from `parameters`. */
export interface MagentoErrorBody {
  message: string;
  parameters?: unknown[] | Record<string, unknown>;
  errors?: Array<{ message: string; parameters?: unknown[] | Record<string, unknown> }>;
  trace?: string;
}

export function formatMagentoTime(date: Date): MagentoTimestamp {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** Magento's UTC `YYYY-MM-DD HH:mm:ss` as ISO-8601 (`...T...Z`); undefined when it is not one. */
export function magentoTimeToIso(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value.replace(' ', 'T')}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Fills Magento's placeholders (`%1` positional, `%name` named) the way its error renderer does. */
export function renderMagentoMessage(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || typeof (body as MagentoErrorBody).message !== 'string') return undefined;
  const { message, parameters, errors } = body as MagentoErrorBody;
  const fill = (text: string, params: MagentoErrorBody['parameters']) => {
    if (Array.isArray(params)) return text.replace(/%(\d+)/g, (match, n: string) => (params[Number(n) - 1] !== undefined ? String(params[Number(n) - 1]) : match));
    if (params && typeof params === 'object') return text.replace(/%([a-zA-Z_]\w*)/g, (match, name: string) => (name in params ? String((params as Record<string, unknown>)[name]) : match));
    return text;
  };
  const details = (errors ?? []).map((error) => fill(error.message, error.parameters));
  return [fill(message, parameters), ...details].join('; ');
}

/**
 * SKUs a refused source-items save names as unknown products (MSI's "Validation Failed" lists one
 * error per item, with the SKU as a parameter).
 */
export function unknownSkusOf(body: unknown): Set<string> {
  const errors = (body as MagentoErrorBody | undefined)?.errors ?? [];
  const skus = new Set<string>();
  for (const error of errors) {
    if (!/does not exist/i.test(error.message)) continue;
    const parameters = error.parameters;
    const sku = Array.isArray(parameters) ? parameters[0] : (parameters as Record<string, unknown> | undefined)?.sku;
    if (typeof sku === 'string') skus.add(sku);
  }
  return skus;
}
