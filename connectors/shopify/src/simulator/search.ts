// Shopify's search syntax, the part the simulator understands: `field:value`, `field:>value` (also
// >=, <, <=), values bare or quoted, terms joined by spaces or AND. Unknown fields are ignored, as
// Shopify does (it reports them as search warnings).

export interface SearchTerm {
  field: string;
  comparator: '=' | '>' | '>=' | '<' | '<=';
  value: string;
}

const TERM = /([a-z_]+):(>=|<=|>|<)?\s*(?:'([^']*)'|"([^"]*)"|(\S+))/gi;

export function parseSearch(query: string | null | undefined): SearchTerm[] {
  if (!query) return [];
  const terms: SearchTerm[] = [];
  for (const match of query.matchAll(TERM)) {
    terms.push({ field: match[1].toLowerCase(), comparator: (match[2] as SearchTerm['comparator']) ?? '=', value: match[3] ?? match[4] ?? match[5] });
  }
  return terms;
}

function compare(left: number, comparator: SearchTerm['comparator'], right: number): boolean {
  switch (comparator) {
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    default:
      return left === right;
  }
}

/**
 * Date terms compare as instants; a date without time means that day's start (UTC). The term is parsed
 * once and each value's instant remembered: a page tests every order of the shop.
 */
export function dateMatcher(term: SearchTerm): (value: string) => boolean {
  const wanted = Date.parse(term.value);
  if (Number.isNaN(wanted)) throw new Error(`Invalid date in search query: ${term.field}:${term.comparator}${term.value}`);
  return (value) => {
    let instant = instants.get(value);
    if (instant === undefined) {
      if (instants.size >= MAX_REMEMBERED) instants.clear();
      instant = Date.parse(value);
      instants.set(value, instant);
    }
    return compare(instant, term.comparator, wanted);
  };
}

const MAX_REMEMBERED = 100_000;
const instants = new Map<string, number>();
