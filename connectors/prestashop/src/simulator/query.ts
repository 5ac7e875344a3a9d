// The Webservice list syntax, evaluated the way PrestaShop's WebserviceRequest and SQLUtils build
// their SQL: filter[field] ([a|b] any of, [a,b] inclusive range of numbers/dates, [x] exact, >[x],
// <[x], ![x], %[x]% like), date_add/date_upd only with date=1, sort=[f_ASC,g_DESC], limit=offset,n or
// limit=n, display=full|[f,assoc[g]]; malformed input answers 400 with PrestaShop's error codes.
import { filterableFields, type ResourceDef } from './resources';
import type { Row } from './shop';

export class WebserviceError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function levenshtein(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}

/** PrestaShop's "Did you mean" error text. */
export function didYouMean(label: string, value: string, available: string[]): string {
  const closest = [...available].sort((x, y) => levenshtein(value, x) - levenshtein(value, y))[0] ?? '';
  return `${label}. Did you mean: "${closest}"?${available.length > 1 ? ` The full list is: "${available.join('", "')}"` : ''}`;
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** MySQL-ish comparison: numbers as numbers, everything else case-insensitively (general_ci collation). */
function compare(left: string, right: string): number {
  if (NUMERIC.test(left) && NUMERIC.test(right)) return Number(left) - Number(right);
  const a = left.toLowerCase();
  const b = right.toLowerCase();
  return a < b ? -1 : a > b ? 1 : 0;
}

function like(value: string, pattern: string): boolean {
  const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${source}$`, 'is').test(value);
}

/** One `filter[field]` expression → a predicate on the field's value (SQLUtils::getSQLRetrieveFilter). */
export function filterPredicate(expression: string): (value: string) => boolean {
  const match = /^(.*)\[(.*)\](.*)$/s.exec(expression);
  if (!match) return (value) => compare(value, expression) === 0;
  const [, before, inner, after] = match;
  if (before === '%' || after === '%') return (value) => like(value, `${before}${inner}${after}`);
  if (before === '' && after === '') {
    if (inner.indexOf('|') > 0) {
      const values = inner.split('|');
      return (value) => values.some((candidate) => compare(value, candidate) === 0);
    }
    const range = /^([\d.:\-\s]+),([\d.:\-\s]+)$/.exec(inner);
    if (range) {
      // PHP's sort(): numeric strings by value ("6" before "4294967295"), others as strings.
      const [low, high] = [range[1], range[2]].sort(compare);
      return (value) => compare(value, low) >= 0 && compare(value, high) <= 0;
    }
    return (value) => compare(value, inner) === 0;
  }
  if (before === '>') return (value) => compare(value, inner) > 0;
  if (before === '<') return (value) => compare(value, inner) < 0;
  if (before === '!') {
    const values = inner.split('|');
    return (value) => values.every((candidate) => compare(value, candidate) !== 0);
  }
  // Anything else adds no condition in PrestaShop either.
  return () => true;
}

export type Display = 'minimum' | 'full' | { fields: string[]; associations: Record<string, string[]> };

/** `display` → what to output (WebserviceRequest::setFieldsToDisplay). */
export function parseDisplay(def: ResourceDef, value: string | null, fallback: Display): Display {
  if (value === null) return fallback;
  if (value === 'full' || value === 'minimum') return value;
  const bracketed = /^\[(.*)\]$/s.exec(value);
  const available = ['id', ...def.fields];
  if (!bracketed) {
    throw new WebserviceError(400, 36, `The 'display' syntax is wrong. You can set 'full' or '[field_1,field_2,field_3,...]'. These are available: ${available.join(', ')}`);
  }
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of bracketed[1]) {
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
      continue;
    }
    if (char === '[') depth++;
    if (char === ']') depth--;
    current += char;
  }
  if (current) parts.push(current);
  const display = { fields: [] as string[], associations: {} as Record<string, string[]> };
  for (const part of parts) {
    const open = part.indexOf('[');
    const name = (open < 0 ? part : part.slice(0, open)).trim();
    if (open < 0) {
      if (!available.includes(name)) throw new WebserviceError(400, 35, `Unable to display this field "${name}". However, these are available: ${available.join(', ')}`);
      display.fields.push(name);
      continue;
    }
    const association = def.associations?.[name];
    const subFields = part.slice(open + 1, part.lastIndexOf(']')).split(',').map((field) => field.trim());
    if (!association || subFields.some((field) => field !== 'id' && !association.fields.includes(field))) {
      throw new WebserviceError(400, 35, `Unable to display this field "${name}". However, these are available: ${available.join(', ')}`);
    }
    display.associations[name] = subFields;
  }
  return display;
}

/** Filters, sorts and limits a resource's rows as `GET /api/<resource>?…` does. */
export function selectRows(def: ResourceDef, rows: Row[], params: URLSearchParams): Row[] {
  const withDates = Boolean(params.get('date')) && params.get('date') !== '0';
  const available = filterableFields(def, withDates);
  let selected = rows;

  for (const [key, expression] of params) {
    const field = /^filter\[([^\]]+)\]$/.exec(key)?.[1];
    if (!field || field === 'sort' || field === 'limit') continue;
    if (!available.includes(field)) throw new WebserviceError(400, 32, didYouMean('This filter does not exist', field, available));
    if (expression === '') throw new WebserviceError(400, 33, `The filter "${field}" is malformed.`);
    const predicate = filterPredicate(expression);
    selected = selected.filter((row) => predicate(String(row[field] ?? '')));
  }

  const sort = params.get('sort');
  if (sort !== null) {
    const bracketed = /^\[(.*)\]$/s.exec(sort);
    const keys = (bracketed ? bracketed[1].split(',') : [sort]).map((entry) => {
      const split = entry.lastIndexOf('_');
      const field = split < 0 ? '' : entry.slice(0, split);
      const direction = split < 0 ? '' : entry.slice(split + 1).toUpperCase();
      if (split < 0 || (direction !== 'ASC' && direction !== 'DESC')) {
        throw new WebserviceError(400, 37, `The "sort" value has to be formed as this example: "field_ASC" or '[field_1_DESC,field_2_ASC,field_3_ASC,...]' ("field" has to be an available field)`);
      }
      if (!available.includes(field)) throw new WebserviceError(400, 38, `Unable to filter by this field. However, these are available: ${available.join(', ')}, for i18n fields:`);
      return { field, sign: direction === 'ASC' ? 1 : -1 };
    });
    selected = [...selected].sort((a, b) => {
      for (const { field, sign } of keys) {
        const order = compare(String(a[field] ?? ''), String(b[field] ?? ''));
        if (order) return order * sign;
      }
      return 0;
    });
  } else {
    selected = [...selected].sort((a, b) => a.id - b.id);
  }

  const limit = params.get('limit');
  if (limit !== null) {
    const parts = limit.split(',');
    if (parts.length > 2) throw new WebserviceError(400, 39, 'The "limit" value has to be formed as this example: "5,25" or "10"');
    // PHP's (int) cast: leading digits, else 0.
    const int = (text: string) => Number(/^\s*(\d+)/.exec(text)?.[1] ?? 0);
    const [offset, count] = parts.length === 2 ? [int(parts[0]), int(parts[1])] : [0, int(parts[0])];
    selected = selected.slice(offset, offset + count);
  }
  return selected;
}

/** A row as the JSON output renders it: id a number, every other field a string. */
export function project(def: ResourceDef, row: Row, display: Display): Record<string, unknown> {
  if (display === 'minimum') return { id: row.id };
  // Only the fields asked for (not even id unless listed), in the resource's own order.
  const fields = ['id', ...def.fields].filter((name) => display === 'full' || display.fields.includes(name));
  const output: Record<string, unknown> = {};
  for (const field of fields) output[field] = field === 'id' ? row.id : String(row[field] ?? '');
  const associations: Record<string, unknown> = {};
  for (const [name, association] of Object.entries(def.associations ?? {})) {
    const wanted = display === 'full' ? ['id', ...association.fields] : display.associations[name];
    if (!wanted) continue;
    const entries = row.associations?.[name] ?? [];
    associations[name] = entries.map((entry) => Object.fromEntries(wanted.filter((field) => field in entry).map((field) => [field, entry[field]])));
  }
  if (Object.keys(associations).length) output.associations = associations;
  return output;
}
