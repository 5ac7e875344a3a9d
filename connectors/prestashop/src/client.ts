// Speaking the PrestaShop Webservice over the kit's HTTP client: Basic auth with the key, JSON output,
// the Webservice's own list syntax (display, filter[field]=[a|b], sort=[f_ASC], limit=offset,n, date=1),
// XML write bodies, and PrestaShop's error bodies turned into classified ConnectorErrors.
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { bodyExcerpt, ConnectorError, type ChannelRequest, type ChannelResponse, type ConnectorContext, type ConnectorHttpOptions, type ResponseClassifier } from '@oms/connector-kit';
import type { PrestashopConfig } from './manifest';

export const CHANNEL_NAME = 'PrestaShop';
export const CREDENTIAL = { label: 'Webservice key', field: 'apiKey' };
/** Ids are `int(10) unsigned`: the upper end of an open id range. */
export const MAX_ID = 4294967295;
/** Values per `filter[field]=[a|b|…]` request, so URLs stay well under server limits. */
export const LOOKUP_CHUNK = 50;

export type PsContext = ConnectorContext<PrestashopConfig>;
/** A Webservice record as JSON output gives it: ids are numbers, most other fields strings. */
export type PsRecord = Record<string, unknown> & { id: number | string };

export function basicAuthorization(apiKey: string): string {
  return `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`;
}

/** `{ errors: [{ code, message }] }` (JSON) or `<errors><error><code/><message/></error></errors>` (XML). */
export function webserviceErrors(body: unknown): Array<{ code?: number; message: string }> {
  if (body && typeof body === 'object' && Array.isArray((body as { errors?: unknown }).errors)) {
    return ((body as { errors: Array<{ code?: unknown; message?: unknown }> }).errors).map((error) => ({
      code: error.code === undefined || error.code === null ? undefined : Number(error.code),
      message: String(error.message ?? ''),
    }));
  }
  if (typeof body === 'string' && body.includes('<errors>')) {
    const errors: Array<{ code?: number; message: string }> = [];
    for (const match of body.matchAll(/<error>\s*(?:<code>(?:<!\[CDATA\[)?(\d+)(?:\]\]>)?<\/code>)?\s*<message>(?:<!\[CDATA\[)?([\s\S]*?)(?:\]\]>)?<\/message>/g)) {
      errors.push({ code: match[1] ? Number(match[1]) : undefined, message: match[2] });
    }
    return errors;
  }
  return [];
}

function describeErrors(body: unknown): string {
  const errors = webserviceErrors(body);
  return errors.length ? errors.map((error) => (error.code === undefined ? error.message : `${error.message} (code ${error.code})`)).join('; ') : bodyExcerpt(body);
}

/**
 * PrestaShop rules before the kit's status rules: its error messages go into every error, a key
 * without the permission a call needs is an AUTH problem (401 code 26 / 405 code 25), a disabled
 * Webservice is CONFIG, and a 2xx that is not JSON means the URL does not reach the Webservice.
 */
export const classifyPrestashop: ResponseClassifier = (response, request) => {
  const { status, body } = response;
  const where = `${request.method} ${request.path.split('?')[0]}`;
  if (status >= 200 && status < 300) {
    const wantsJson = request.query?.output_format === 'JSON';
    if (wantsJson && (typeof body !== 'object' || body === null) && status !== 204) {
      return new ConnectorError('CONFIG', `${CHANNEL_NAME} answered ${where} with ${response.headers.get('content-type') ?? 'no content type'} instead of Webservice JSON: check the connection's baseUrl (the shop's root URL, with the Webservice enabled)`, { body: bodyExcerpt(body) });
    }
    return undefined;
  }
  const reason = describeErrors(body);
  if (status === 401 || (status === 405 && webserviceErrors(body).some((error) => error.code === 25))) {
    return new ConnectorError('AUTH', `${CHANNEL_NAME} rejected the ${CREDENTIAL.label} (HTTP ${status}) on ${where}: ${reason}. Check the connection's ${CREDENTIAL.field} and its permissions in Advanced Parameters > Webservice`, { body });
  }
  if (status === 503 && webserviceErrors(body).some((error) => error.code === 22)) {
    return new ConnectorError('CONFIG', `${CHANNEL_NAME} Webservice is disabled on the shop (${reason}): enable it in Advanced Parameters > Webservice`, { body });
  }
  if (status === 400 && request.method === 'GET') {
    return new ConnectorError('CONFIG', `${CHANNEL_NAME} refused ${where} (HTTP 400): ${reason}`, { body });
  }
  if ((status === 400 || status === 404) && request.method !== 'GET') {
    return new ConnectorError('BAD_RECORD', `${CHANNEL_NAME} refused ${where} (HTTP ${status}): ${reason}`, { body });
  }
  return undefined;
};

/** What the runtime needs to build a connection's HTTP client for this connector. */
export function prestashopHttpOptions(config: Pick<PrestashopConfig, 'baseUrl' | 'apiKey'>): ConnectorHttpOptions {
  return {
    baseUrl: `${config.baseUrl}/`,
    defaultHeaders: { authorization: basicAuthorization(config.apiKey) },
    classify: classifyPrestashop,
    channelName: CHANNEL_NAME,
    credential: CREDENTIAL,
  };
}

export interface ListQuery {
  /** `full`, or the fields to return (`[id,reference]`). */
  display: 'full' | string[];
  /** Field → filter expression (`[1|2]`, `[a,b]`, `[x]`), see the helpers below. */
  filter?: Record<string, string>;
  sort?: string[];
  /** `[offset, count]`. */
  limit?: [number, number];
  /** Needed to filter or sort on date_add / date_upd. */
  date?: boolean;
}

/** Sends a Webservice request with the key and JSON output, whatever client the runtime built. */
export function send<T>(ctx: PsContext, request: Omit<ChannelRequest, 'query'> & { query?: Record<string, string | number | undefined> }): Promise<ChannelResponse<T>> {
  return ctx.http.request<T>({
    ...request,
    query: { ...request.query, output_format: 'JSON' },
    headers: { authorization: basicAuthorization(ctx.config.apiKey), ...request.headers },
    signal: ctx.signal,
  });
}

/** `GET /api/<resource>?display=…&filter[…]=…`: the records, `[]` when none match. */
export async function listResource<T extends PsRecord = PsRecord>(ctx: PsContext, resource: string, query: ListQuery): Promise<T[]> {
  const params: Record<string, string | number | undefined> = {
    display: query.display === 'full' ? 'full' : `[${query.display.join(',')}]`,
    sort: query.sort ? `[${query.sort.join(',')}]` : undefined,
    limit: query.limit ? `${query.limit[0]},${query.limit[1]}` : undefined,
    date: query.date ? 1 : undefined,
    language: ctx.config.languageId,
  };
  for (const [field, expression] of Object.entries(query.filter ?? {})) params[`filter[${field}]`] = expression;
  const response = await send<unknown>(ctx, { method: 'GET', path: `api/${resource}`, query: params });
  const body = response.body;
  // An empty list is `[]`; otherwise `{ "<resource>": [ … ] }`.
  if (Array.isArray(body)) return [];
  const list = (body as Record<string, unknown>)[resource];
  if (!Array.isArray(list)) {
    throw new ConnectorError('CONFIG', `${CHANNEL_NAME} answered GET api/${resource} without a "${resource}" list: check the connection's baseUrl`, { body: bodyExcerpt(body) });
  }
  return list as T[];
}

/** Characters the Webservice filter syntax cannot carry inside a value (it has no escaping). */
export function isFilterSafe(value: string): boolean {
  return value !== '' && !/[[\]|%]/.test(value) && value.trim() === value;
}

/** `[a|b|c]`: any of the values (a single value is an exact match). */
export function anyOf(values: Array<string | number>): string {
  return `[${values.join('|')}]`;
}

/** `[from,to]`: inclusive range (numbers or `YYYY-MM-DD HH:MM:SS` dates only). */
export function between(from: string | number, to: string | number): string {
  return `[${from},${to}]`;
}

/** Runs one list request per chunk of values (`filter[field]=[a|b|…]`), concatenated. */
export async function listByValues<T extends PsRecord = PsRecord>(ctx: PsContext, resource: string, field: string, values: Array<string | number>, query: Omit<ListQuery, 'filter'> & { filter?: Record<string, string> }): Promise<T[]> {
  const unique = [...new Set(values.map(String))];
  const results: T[] = [];
  for (let start = 0; start < unique.length; start += LOOKUP_CHUNK) {
    const chunk = unique.slice(start, start + LOOKUP_CHUNK);
    results.push(...(await listResource<T>(ctx, resource, { ...query, filter: { ...query.filter, [field]: anyOf(chunk) } })));
  }
  return results;
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', cdataPropName: '#cdata', format: false, suppressEmptyNode: false });

/** `<prestashop><entity><field><![CDATA[value]]></field>…</entity></prestashop>`, the Webservice's write body. */
export function toXmlBody(entity: string, fields: Record<string, string | number | null | undefined>): string {
  const node: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    node[name] = value === null || value === '' ? '' : { '#cdata': String(value) };
  }
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build({ prestashop: { '@_xmlns:xlink': 'http://www.w3.org/1999/xlink', [entity]: node } })}`;
}

/** A record's own fields (associations left out): what a PUT, which replaces the whole object, sends back. */
export function scalarFields(record: PsRecord): Record<string, string | number | null> {
  const fields: Record<string, string | number | null> = {};
  for (const [name, value] of Object.entries(record)) if (value === null || typeof value !== 'object') fields[name] = value as string | number | null;
  return fields;
}

/** `PUT /api/<resource>/<id>` (the whole object) or `POST /api/<resource>` (a new one); returns the saved record. */
export async function writeResource(ctx: PsContext, method: 'PUT' | 'POST', resource: string, entity: string, fields: Record<string, string | number | null | undefined>, query: Record<string, string | number | undefined> = {}): Promise<PsRecord> {
  const path = method === 'PUT' ? `api/${resource}/${fields.id}` : `api/${resource}`;
  const response = await send<Record<string, PsRecord>>(ctx, { method, path, query, headers: { 'content-type': 'application/xml' }, rawBody: toXmlBody(entity, fields) });
  const saved = response.body?.[entity];
  return saved && typeof saved === 'object' ? saved : ({ id: fields.id ?? '' } as PsRecord);
}

const apiRootParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false });

/** The `/api/` root (XML: JSON output has no permission attributes): the key's resources and methods. */
export function parseApiRoot(xml: string): { shopName?: string; permissions: Record<string, Set<string>> } {
  const parsed = apiRootParser.parse(xml) as { prestashop?: { api?: Record<string, unknown> } };
  const api = parsed.prestashop?.api;
  if (!api || typeof api !== 'object') throw new Error('no <api> element');
  const permissions: Record<string, Set<string>> = {};
  for (const [name, value] of Object.entries(api)) {
    if (!value || typeof value !== 'object') continue;
    const methods = new Set<string>();
    for (const method of ['get', 'put', 'post', 'patch', 'delete', 'head']) if ((value as Record<string, unknown>)[method] === 'true') methods.add(method.toUpperCase());
    permissions[name] = methods;
  }
  return { shopName: typeof api.shopName === 'string' ? api.shopName : undefined, permissions };
}
