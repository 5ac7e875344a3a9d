// Webservice output in both formats: JSON (`output_format=JSON`: `{ "orders": [...] }`, `[]` when
// empty, `{ "errors": [{ code, message }] }`) and XML (the default: `<prestashop>` with CDATA values).
import { allowedMethods, RESOURCES, type ResourceDef } from './resources';
import { project, type Display } from './query';
import type { Row } from './shop';

export type Format = 'JSON' | 'XML';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">\n';
const XML_TAIL = '</prestashop>\n';

const cdata = (value: unknown) => `<![CDATA[${String(value ?? '').replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function contentType(format: Format): string {
  return format === 'JSON' ? 'application/json' : 'text/xml;charset=utf-8';
}

export function renderErrors(format: Format, errors: Array<{ code: number; message: string }>): string {
  if (format === 'JSON') return JSON.stringify({ errors });
  return `${XML_HEAD}<errors>\n${errors.map((error) => `<error>\n<code>${cdata(error.code)}</code>\n<message>${cdata(error.message)}</message>\n</error>\n`).join('')}</errors>\n${XML_TAIL}`;
}

function entityXml(def: ResourceDef, entity: Record<string, unknown>, baseUrl: string): string {
  const body: string[] = [];
  for (const [field, value] of Object.entries(entity)) {
    if (field === 'associations') continue;
    if (def.i18n?.includes(field)) body.push(`<${field}><language id="1" xlink:href="${baseUrl}/api/languages/1">${cdata(value)}</language></${field}>`);
    else body.push(`<${field}>${cdata(value)}</${field}>`);
  }
  const associations = entity.associations as Record<string, Array<Record<string, unknown>>> | undefined;
  if (associations) {
    body.push('<associations>');
    for (const [name, entries] of Object.entries(associations)) {
      const nodeType = def.associations?.[name]?.nodeType ?? name;
      body.push(`<${name} nodeType="${nodeType}" api="${name}">`);
      for (const entry of entries) body.push(`<${nodeType}>${Object.entries(entry).map(([key, value]) => `<${key}>${cdata(value)}</${key}>`).join('')}</${nodeType}>`);
      body.push(`</${name}>`);
    }
    body.push('</associations>');
  }
  return `<${def.entity}>\n${body.join('\n')}\n</${def.entity}>\n`;
}

export function renderList(format: Format, resource: string, rows: Row[], display: Display, baseUrl: string): string {
  const def = RESOURCES[resource];
  const entities = rows.map((row) => project(def, row, display));
  if (format === 'JSON') return entities.length ? JSON.stringify({ [resource]: entities }) : '[]';
  const items =
    display === 'minimum'
      ? rows.map((row) => `<${def.entity} id="${row.id}" xlink:href="${baseUrl}/api/${resource}/${row.id}"/>\n`).join('')
      : entities.map((entity) => entityXml(def, entity, baseUrl)).join('');
  return `${XML_HEAD}<${resource}>\n${items}</${resource}>\n${XML_TAIL}`;
}

/** One record; JSON wraps it in a list when `display` was given (PrestaShop's JSON renderer does). */
export function renderOne(format: Format, resource: string, row: Row, display: Display, displayGiven: boolean, baseUrl: string): string {
  const def = RESOURCES[resource];
  const entity = project(def, row, display);
  if (format === 'JSON') return JSON.stringify(displayGiven ? { [resource]: [entity] } : { [def.entity]: entity });
  return `${XML_HEAD}${entityXml(def, entity, baseUrl)}${XML_TAIL}`;
}

/** `GET /api/`: the key's resources with its permissions (the XML form carries them as attributes). */
export function renderApiRoot(format: Format, shopName: string, baseUrl: string): string {
  const names = Object.keys(RESOURCES).sort();
  if (format === 'JSON') return JSON.stringify(names);
  const entries = names.map((name) => {
    const def = RESOURCES[name];
    const methods = allowedMethods(def);
    const flags = ['get', 'put', 'post', 'patch', 'delete', 'head'].map((method) => `${method}="${methods.includes(method.toUpperCase() as never) ? 'true' : 'false'}"`).join(' ');
    const href = `${baseUrl}/api/${name}`;
    return `<${name} xlink:href="${href}" ${flags}>\n<description xlink:href="${href}" ${flags}>${attr(def.description)}</description>\n<schema type="blank" xlink:href="${href}?schema=blank"/>\n<schema type="synopsis" xlink:href="${href}?schema=synopsis"/>\n</${name}>\n`;
  });
  return `${XML_HEAD}<api shopName="${attr(shopName)}">\n${entries.join('')}</api>\n${XML_TAIL}`;
}
