// The simulator's reading of Magento's `searchCriteria` query string (PHP bracket syntax) and the
// getList semantics: filters OR-ed inside a group, groups AND-ed, sort orders, pageSize/currentPage
// (a page past the end answers the last page again, as Magento's collections do).

export class SearchCriteriaError extends Error {
  constructor(
    message: string,
    readonly parameters?: unknown[] | Record<string, unknown>,
  ) {
    super(message);
  }
}

export interface Filter {
  field: string;
  value: string;
  conditionType: string;
}

export interface SearchCriteria {
  filterGroups: Array<{ filters: Filter[] }>;
  sortOrders: Array<{ field: string; direction: 'ASC' | 'DESC' }>;
  pageSize?: number;
  currentPage?: number;
}

type Tree = { [key: string]: Tree | string };

/** `a[b][0][c]=v` → `{ a: { b: { 0: { c: 'v' } } } }` (what PHP's $_GET builds). */
function parseBrackets(params: URLSearchParams): Tree {
  const root: Tree = {};
  for (const [key, value] of params) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    if (!match) continue;
    const path = [match[1], ...[...match[2].matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1])];
    let node = root;
    path.forEach((segment, index) => {
      if (index === path.length - 1) node[segment] = value;
      else {
        const next = node[segment];
        node = (typeof next === 'object' ? next : (node[segment] = {})) as Tree;
      }
    });
  }
  return root;
}

/** Magento accepts snake_case and camelCase keys alike (its service input processor camel-cases them). */
function pick(node: Tree | string | undefined, ...names: string[]): Tree | string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  for (const name of names) if (node[name] !== undefined) return node[name];
  return undefined;
}

function list(node: Tree | string | undefined): Array<Tree | string> {
  if (!node || typeof node !== 'object') return [];
  return Object.keys(node)
    .sort((a, b) => Number(a) - Number(b))
    .map((key) => node[key]);
}

function integer(value: Tree | string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) {
    throw new SearchCriteriaError('The "%value" value\'s type is invalid. The "%type" type was expected. Verify and try again.', { value: typeof value === 'string' ? value : field, type: 'int' });
  }
  return Number(value);
}

const MAX_PAGE_SIZE = 300;

const CONDITIONS = new Set(['eq', 'neq', 'gt', 'gteq', 'moreq', 'lt', 'lteq', 'in', 'nin', 'like', 'nlike', 'null', 'notnull', 'from', 'to', 'finset']);

/** Parses the request's query; throws SearchCriteriaError for what Magento answers with a 400. */
export function parseSearchCriteria(params: URLSearchParams): SearchCriteria {
  const tree = parseBrackets(params);
  const criteria = tree.searchCriteria ?? tree.search_criteria;
  if (criteria === undefined) throw new SearchCriteriaError('"%fieldName" is required. Enter and try again.', { fieldName: 'searchCriteria' });
  const filterGroups = list(pick(criteria, 'filter_groups', 'filterGroups')).map((group) => ({
    filters: list(pick(group, 'filters')).map((filter) => {
      const field = pick(filter, 'field');
      const value = pick(filter, 'value');
      const conditionType = pick(filter, 'condition_type', 'conditionType') ?? 'eq';
      if (typeof field !== 'string' || field === '') throw new SearchCriteriaError('"%fieldName" is required. Enter and try again.', { fieldName: 'field' });
      if (typeof conditionType !== 'string' || !CONDITIONS.has(conditionType)) throw new SearchCriteriaError('Invalid condition type: %1', [String(conditionType)]);
      return { field, value: typeof value === 'string' ? value : '', conditionType };
    }),
  }));
  const sortOrders = list(pick(criteria, 'sort_orders', 'sortOrders')).map((order) => {
    const field = pick(order, 'field');
    const direction = String(pick(order, 'direction') ?? 'ASC').toUpperCase();
    if (typeof field !== 'string') throw new SearchCriteriaError('"%fieldName" is required. Enter and try again.', { fieldName: 'field' });
    return { field, direction: direction === 'DESC' ? ('DESC' as const) : ('ASC' as const) };
  });
  const pageSize = integer(pick(criteria, 'page_size', 'pageSize'), 'pageSize');
  // Adobe Commerce 2.4.7 input limits (on by default): a larger page is refused, not clamped.
  if (pageSize !== undefined && pageSize > MAX_PAGE_SIZE) throw new SearchCriteriaError('Maximum SearchCriteria pageSize is %max', { max: MAX_PAGE_SIZE });
  return { filterGroups, sortOrders, pageSize, currentPage: integer(pick(criteria, 'current_page', 'currentPage'), 'currentPage') };
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  const sa = String(a);
  const sb = String(b);
  if (NUMERIC.test(sa) && NUMERIC.test(sb)) return Number(sa) - Number(sb);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function like(value: unknown, pattern: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.')}$`, 'i');
  return regex.test(String(value ?? ''));
}

function matches(record: Record<string, unknown>, filter: Filter): boolean {
  const actual = record[filter.field];
  const values = filter.value.split(',').map((v) => v.trim());
  switch (filter.conditionType) {
    case 'eq':
      return actual !== null && actual !== undefined && compare(actual, filter.value) === 0;
    case 'neq':
      return actual !== null && actual !== undefined && compare(actual, filter.value) !== 0;
    case 'gt':
      return actual !== null && actual !== undefined && compare(actual, filter.value) > 0;
    case 'gteq':
    case 'moreq':
    case 'from':
      return actual !== null && actual !== undefined && compare(actual, filter.value) >= 0;
    case 'lt':
      return actual !== null && actual !== undefined && compare(actual, filter.value) < 0;
    case 'lteq':
    case 'to':
      return actual !== null && actual !== undefined && compare(actual, filter.value) <= 0;
    case 'in':
      return values.some((v) => compare(actual, v) === 0);
    case 'nin':
      return actual !== null && actual !== undefined && !values.some((v) => compare(actual, v) === 0);
    case 'like':
      return like(actual, filter.value);
    case 'nlike':
      return !like(actual, filter.value);
    case 'null':
      return actual === null || actual === undefined;
    case 'notnull':
      return actual !== null && actual !== undefined;
    case 'finset':
      return String(actual ?? '').split(',').includes(filter.value);
    default:
      return false;
  }
}

export interface SearchPage<T> {
  items: T[];
  total_count: number;
  search_criteria: Record<string, unknown>;
}

/** Applies criteria to records (`idField` breaks sort ties, as the primary key does in MySQL). */
export function search<T extends object>(records: T[], criteria: SearchCriteria, idField: keyof T & string): SearchPage<T> {
  const row = (record: T) => record as unknown as Record<string, unknown>;
  const matching = records.filter((record) => criteria.filterGroups.every((group) => group.filters.length === 0 || group.filters.some((filter) => matches(row(record), filter))));
  const sorts = [...criteria.sortOrders, { field: idField, direction: 'ASC' as const }];
  matching.sort((a, b) => {
    for (const sort of sorts) {
      const order = compare(row(a)[sort.field], row(b)[sort.field]);
      if (order !== 0) return sort.direction === 'DESC' ? -order : order;
    }
    return 0;
  });
  let items = matching;
  if (criteria.pageSize) {
    const lastPage = Math.max(1, Math.ceil(matching.length / criteria.pageSize));
    const page = Math.min(Math.max(1, criteria.currentPage ?? 1), lastPage);
    items = matching.slice((page - 1) * criteria.pageSize, page * criteria.pageSize);
  }
  return {
    items,
    total_count: matching.length,
    search_criteria: {
      filter_groups: criteria.filterGroups.map((group) => ({ filters: group.filters.map((f) => ({ field: f.field, value: f.value, condition_type: f.conditionType })) })),
      ...(criteria.sortOrders.length ? { sort_orders: criteria.sortOrders } : {}),
      ...(criteria.pageSize !== undefined ? { page_size: criteria.pageSize } : {}),
      ...(criteria.currentPage !== undefined ? { current_page: criteria.currentPage } : {}),
    },
  };
}
