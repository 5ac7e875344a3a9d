// PUT / PATCH / POST on the simulated Webservice, as WebserviceRequest::saveEntityFromXml does it: XML
// body, ids required on PUT and forbidden on POST, PUT replaces the whole object (an omitted required
// field is a 400, an omitted optional one becomes empty), PATCH changes only what is sent; then the
// side effects PrestaShop's models have (order state change, product stock total).
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { WebserviceError } from './query';
import { RESOURCES } from './resources';
import type { Row, SimulatedShop } from './shop';

const parser = new XMLParser({ ignoreAttributes: true, ignoreDeclaration: true, parseTagValue: false, trimValues: true });

export function parseXmlBody(body: string): Record<string, unknown> {
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    throw new WebserviceError(500, 127, `XML error : ${valid.err.msg} (line ${valid.err.line})\nXML length : ${body.length}\nOriginal XML : ${body}`);
  }
  return parser.parse(body) as Record<string, unknown>;
}

/** A field's text: plain, or the first `<language>` of a localised field. */
function fieldText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  const language = (value as { language?: unknown }).language;
  return fieldText(Array.isArray(language) ? language[0] : language);
}

export function applyWrite(shop: SimulatedShop, method: 'PUT' | 'PATCH' | 'POST', resource: string, document: Record<string, unknown>, query: URLSearchParams): Row[] {
  const def = RESOURCES[resource];
  const root = document.prestashop;
  if (!root || typeof root !== 'object') throw new WebserviceError(400, 40, 'Bad XML: no <prestashop> root element');
  const entities = Object.values(root as Record<string, unknown>).flatMap((value) => (Array.isArray(value) ? value : [value])).filter((value): value is Record<string, unknown> => typeof value === 'object' && value !== null);
  const ids = entities.map((entity) => fieldText(entity.id)).filter((id) => id !== '');
  if (method === 'POST' && ids.length) throw new WebserviceError(400, 91, 'id is forbidden when adding a new resource');
  if (method !== 'POST') {
    if (new Set(ids).size !== ids.length) throw new WebserviceError(400, 89, 'id is duplicate in request');
    if (ids.length !== entities.length) throw new WebserviceError(400, 90, 'id is required when modifying a resource');
  }

  const saved: Row[] = [];
  const table = shop.table(resource);
  for (const entity of entities) {
    const existing = method === 'POST' ? undefined : table.get(Number(fieldText(entity.id)));
    if (method !== 'POST' && !existing) throw new WebserviceError(404, 92, 'Invalid ID');
    const values: Record<string, string> = {};
    for (const field of def.fields) {
      if (!(field in entity)) {
        if (method === 'PATCH') continue;
        if (def.required?.includes(field)) throw new WebserviceError(400, 41, `parameter "${field}" required`);
        values[field] = '';
        continue;
      }
      const text = fieldText(entity[field]);
      const validate = def.validate?.[field];
      if (validate && text !== '' && !validate(text)) throw new WebserviceError(400, 85, `Validation error: "Property ${def.className}->${field} is not valid"`);
      if (text === '' && def.required?.includes(field)) throw new WebserviceError(400, 85, `Validation error: "Property ${def.className}->${field} is empty."`);
      values[field] = text;
    }
    saved.push(save(shop, resource, existing, values, query));
  }
  return saved;
}

function save(shop: SimulatedShop, resource: string, existing: Row | undefined, values: Record<string, string>, query: URLSearchParams): Row {
  if (resource === 'order_histories') {
    // OrderHistory::addWs: the order takes the new state (and a new date_upd); sendemail=1 mails the customer.
    const order = shop.table('orders').get(Number(values.id_order));
    if (!order) throw new WebserviceError(400, 85, 'Validation error: "Property OrderHistory->id_order is not valid"');
    if (!shop.table('order_states').has(Number(values.id_order_state))) throw new WebserviceError(400, 85, 'Validation error: "Property OrderHistory->id_order_state is not valid"');
    const history = shop.changeState(order.id, Number(values.id_order_state));
    if (values.id_employee) history.id_employee = values.id_employee;
    if (query.get('sendemail') === '1') shop.emails.push({ orderId: order.id, stateId: Number(values.id_order_state) });
    return history;
  }
  if (existing) {
    Object.assign(existing, values);
    if (resource === 'stock_availables' && existing.id_product_attribute !== '0') shop.syncProductTotal(String(existing.id_product));
    return existing;
  }
  if (resource === 'order_carriers' && !values.date_add) values.date_add = shop.tick();
  return shop.insert(resource, values);
}
