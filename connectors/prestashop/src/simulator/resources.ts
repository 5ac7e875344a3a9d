// The Webservice resources the simulator serves, as PrestaShop declares them: node names, fields in
// output order, required and validated fields for writes, i18n fields, associations, and which
// methods the simulator's key may use (the /api/ root reports them, other methods answer 405).
export type Method = 'GET' | 'HEAD' | 'PUT' | 'PATCH' | 'POST' | 'DELETE';

export interface ResourceDef {
  /** Singular node name (`order`). */
  entity: string;
  /** Model class, for validation messages. */
  className: string;
  description: string;
  /** Fields after `id`, in output order. */
  fields: string[];
  /** Localised fields (`name`): one value per language. */
  i18n?: string[];
  required?: string[];
  /** Field → validator for writes. */
  validate?: Record<string, (value: string) => boolean>;
  associations?: Record<string, { nodeType: string; fields: string[] }>;
  /** Methods the simulator's key may use besides GET and HEAD. */
  writes?: Method[];
}

const isUnsignedId = (value: string) => /^\d+$/.test(value);
const isInt = (value: string) => /^-?\d+$/.test(value);
const isBool = (value: string) => value === '0' || value === '1';
const isFloat = (value: string) => /^-?\d+(\.\d+)?$/.test(value);
// Validate::isTrackingNumber.
const isTrackingNumber = (value: string) => /^[~:#,%&_=()[\].? +\-@/a-zA-Z0-9]+$/.test(value);

export const RESOURCES: Record<string, ResourceDef> = {
  addresses: {
    entity: 'address',
    className: 'Address',
    description: 'The Customer, Brand and Customer addresses',
    fields: ['id_customer', 'id_manufacturer', 'id_supplier', 'id_warehouse', 'id_country', 'id_state', 'alias', 'company', 'lastname', 'firstname', 'vat_number', 'address1', 'address2', 'postcode', 'city', 'other', 'phone', 'phone_mobile', 'dni', 'deleted', 'date_add', 'date_upd'],
  },
  carriers: {
    entity: 'carrier',
    className: 'Carrier',
    description: 'The Carriers',
    fields: ['deleted', 'is_module', 'id_tax_rules_group', 'id_reference', 'name', 'active', 'is_free', 'url', 'shipping_handling', 'shipping_external', 'range_behavior', 'shipping_method', 'max_width', 'max_height', 'max_depth', 'max_weight', 'grade', 'external_module_name', 'need_range', 'position', 'delay'],
    i18n: ['delay'],
  },
  combinations: {
    entity: 'combination',
    className: 'Combination',
    description: 'The product combinations',
    fields: ['id_product', 'location', 'ean13', 'isbn', 'upc', 'mpn', 'quantity', 'reference', 'supplier_reference', 'wholesale_price', 'price', 'ecotax', 'weight', 'unit_price_impact', 'minimal_quantity', 'default_on', 'available_date'],
  },
  countries: {
    entity: 'country',
    className: 'Country',
    description: 'The countries',
    fields: ['id_zone', 'id_currency', 'call_prefix', 'iso_code', 'active', 'contains_states', 'need_identification_number', 'need_zip_code', 'zip_code_format', 'display_tax_label', 'name'],
    i18n: ['name'],
  },
  currencies: {
    entity: 'currency',
    className: 'Currency',
    description: 'The currencies',
    fields: ['names', 'name', 'symbol', 'iso_code', 'numeric_iso_code', 'precision', 'conversion_rate', 'deleted', 'active'],
  },
  customers: {
    entity: 'customer',
    className: 'Customer',
    description: "The e-shop's customers",
    fields: ['id_default_group', 'id_lang', 'newsletter_date_add', 'secure_key', 'deleted', 'lastname', 'firstname', 'email', 'id_gender', 'birthday', 'newsletter', 'optin', 'website', 'company', 'active', 'is_guest', 'id_shop', 'id_shop_group', 'date_add', 'date_upd'],
  },
  order_carriers: {
    entity: 'order_carrier',
    className: 'OrderCarrier',
    description: 'The Order carriers',
    fields: ['id_order', 'id_carrier', 'id_order_invoice', 'weight', 'shipping_cost_tax_excl', 'shipping_cost_tax_incl', 'tracking_number', 'date_add'],
    required: ['id_order', 'id_carrier'],
    validate: { id_order: isUnsignedId, id_carrier: isUnsignedId, id_order_invoice: isUnsignedId, weight: isFloat, shipping_cost_tax_excl: isFloat, shipping_cost_tax_incl: isFloat, tracking_number: isTrackingNumber },
    writes: ['PUT', 'PATCH', 'POST'],
  },
  order_histories: {
    entity: 'order_history',
    className: 'OrderHistory',
    description: 'The Order histories',
    fields: ['id_employee', 'id_order_state', 'id_order', 'date_add'],
    required: ['id_order_state', 'id_order'],
    validate: { id_employee: isUnsignedId, id_order_state: isUnsignedId, id_order: isUnsignedId },
    writes: ['POST'],
  },
  order_states: {
    entity: 'order_state',
    className: 'OrderState',
    description: 'The Order statuses',
    fields: ['unremovable', 'delivery', 'hidden', 'send_email', 'module_name', 'invoice', 'color', 'logable', 'shipped', 'paid', 'pdf_delivery', 'pdf_invoice', 'deleted', 'name', 'template'],
    i18n: ['name', 'template'],
  },
  orders: {
    entity: 'order',
    className: 'Order',
    description: 'The Customers orders',
    fields: [
      'id_address_delivery', 'id_address_invoice', 'id_cart', 'id_currency', 'id_lang', 'id_customer', 'id_carrier', 'current_state', 'module',
      'invoice_number', 'invoice_date', 'delivery_number', 'delivery_date', 'valid', 'date_add', 'date_upd', 'shipping_number', 'id_shop_group', 'id_shop',
      'secure_key', 'payment', 'recyclable', 'gift', 'gift_message', 'mobile_theme', 'total_discounts', 'total_discounts_tax_incl', 'total_discounts_tax_excl',
      'total_paid', 'total_paid_tax_incl', 'total_paid_tax_excl', 'total_paid_real', 'total_products', 'total_products_wt', 'total_shipping',
      'total_shipping_tax_incl', 'total_shipping_tax_excl', 'carrier_tax_rate', 'total_wrapping', 'total_wrapping_tax_incl', 'total_wrapping_tax_excl',
      'round_mode', 'round_type', 'conversion_rate', 'reference',
    ],
    associations: {
      order_rows: {
        nodeType: 'order_row',
        fields: ['product_id', 'product_attribute_id', 'product_quantity', 'product_name', 'product_reference', 'product_ean13', 'product_isbn', 'product_upc', 'product_price', 'id_customization', 'unit_price_tax_incl', 'unit_price_tax_excl'],
      },
    },
  },
  products: {
    entity: 'product',
    className: 'Product',
    description: 'The products',
    fields: ['id_manufacturer', 'id_supplier', 'id_category_default', 'new', 'id_default_combination', 'id_tax_rules_group', 'type', 'id_shop_default', 'reference', 'supplier_reference', 'ean13', 'state', 'price', 'active', 'date_add', 'date_upd', 'name'],
    i18n: ['name'],
    associations: {
      combinations: { nodeType: 'combination', fields: [] },
      stock_availables: { nodeType: 'stock_available', fields: ['id_product_attribute'] },
    },
  },
  shops: {
    entity: 'shop',
    className: 'Shop',
    description: 'Shops from multi-shop feature',
    fields: ['id_shop_group', 'id_category', 'active', 'deleted', 'name', 'theme_name'],
  },
  states: {
    entity: 'state',
    className: 'State',
    description: 'The available states of countries',
    fields: ['id_zone', 'id_country', 'iso_code', 'name', 'active'],
  },
  stock_availables: {
    entity: 'stock_available',
    className: 'StockAvailable',
    description: 'Available quantities',
    fields: ['id_product', 'id_product_attribute', 'id_shop', 'id_shop_group', 'quantity', 'depends_on_stock', 'out_of_stock', 'location'],
    required: ['id_product', 'id_product_attribute', 'quantity', 'depends_on_stock', 'out_of_stock'],
    validate: { id_product: isUnsignedId, id_product_attribute: isUnsignedId, id_shop: isUnsignedId, id_shop_group: isUnsignedId, quantity: isInt, depends_on_stock: isBool, out_of_stock: isInt },
    writes: ['PUT', 'PATCH'],
  },
};

/** Fields a resource can be filtered and sorted on; date_add/date_upd only with `date=1`. */
export function filterableFields(def: ResourceDef, withDates: boolean): string[] {
  const fields = ['id', ...def.fields];
  return withDates ? fields : fields.filter((field) => field !== 'date_add' && field !== 'date_upd');
}

export function allowedMethods(def: ResourceDef): Method[] {
  return ['GET', 'HEAD', ...(def.writes ?? [])];
}
