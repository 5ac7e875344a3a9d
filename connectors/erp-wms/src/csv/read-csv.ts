// Reads a partner's CSV through its column mapping: each row answers by field name, and knows its
// line in the file so every complaint can name file, row and column.
import { parse } from 'csv-parse/sync';

export class RowError extends Error {
  constructor(
    readonly file: string,
    readonly row: number,
    readonly column: string,
    readonly problem: string,
  ) {
    super(`${file} row ${row}, column ${column}: ${problem}`);
    this.name = 'RowError';
  }
}

export interface CsvRow<F extends string> {
  file: string;
  /** Line of the file the row starts on (the header is row 1). */
  row: number;
  /** Trimmed value; '' when the column is missing or empty. */
  get(field: F): string;
  /** The header the field is read from, for messages. */
  column(field: F): string;
  fail(field: F, problem: string): RowError;
}

export interface CsvTable<F extends string> {
  headers: string[];
  rows: Array<CsvRow<F>>;
}

/** Whether the header row carries every required column of the mapping. */
export function hasColumns(headers: string[], mapping: Record<string, string>, required: readonly string[]): boolean {
  const present = new Set(headers.map((header) => header.trim().toLowerCase()));
  return required.every((field) => present.has(mapping[field].toLowerCase()));
}

export function readHeaders(content: Buffer | string, delimiter: string): string[] {
  const firstLine = content.toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const [headers] = parse(firstLine, { delimiter, relax_quotes: true }) as string[][];
  return (headers ?? []).map((header) => header.trim());
}

/**
 * Parses the file (UTF-8, a header row). A header missing a required column fails the whole file
 * with a RowError on row 1; a row with the wrong number of cells is kept and left to the field checks.
 */
export function readCsv<F extends string>(file: string, content: Buffer | string, mapping: Record<F, string>, required: readonly F[], delimiter = ','): CsvTable<F> {
  const records = parse(content, { delimiter, bom: true, skip_empty_lines: true, relax_column_count: true, info: true, trim: true }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  if (!records.length) return { headers: [], rows: [] };
  const headers = records[0].record;
  const index = new Map(headers.map((header, position) => [header.toLowerCase(), position]));
  for (const field of required) {
    if (!index.has(mapping[field].toLowerCase())) throw new RowError(file, 1, mapping[field], 'the header has no such column');
  }
  const rows = records.slice(1).map(({ record, info }): CsvRow<F> => ({
    file,
    row: info.lines,
    get: (field) => {
      const position = index.get(mapping[field].toLowerCase());
      return position === undefined ? '' : (record[position] ?? '').trim();
    },
    column: (field) => mapping[field],
    fail(field, problem) {
      return new RowError(file, info.lines, mapping[field], problem);
    },
  }));
  return { headers, rows };
}

/** A whole number of at least `min`, or the row's error. */
export function intField<F extends string>(row: CsvRow<F>, field: F, min: number): number {
  const text = row.get(field);
  if (!/^-?\d+$/.test(text)) throw row.fail(field, text ? `"${text}" is not a whole number` : 'is empty');
  const value = Number(text);
  if (value < min) throw row.fail(field, `${value} is below ${min}`);
  return value;
}

/** A decimal amount (`12.50`) in minor units (2 decimals). */
export function moneyField<F extends string>(row: CsvRow<F>, field: F): number {
  const text = row.get(field);
  if (!text) return 0;
  if (!/^-?\d+(\.\d{1,2})?$/.test(text)) throw row.fail(field, `"${text}" is not an amount like 12.50`);
  return Math.round(Number(text) * 100);
}

export function requiredField<F extends string>(row: CsvRow<F>, field: F): string {
  const text = row.get(field);
  if (!text) throw row.fail(field, 'is empty');
  return text;
}

/** An ISO date or date-time, as UTC ISO-8601; undefined when empty. */
export function dateField<F extends string>(row: CsvRow<F>, field: F): string | undefined {
  const text = row.get(field);
  if (!text) return undefined;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(date.getTime())) throw row.fail(field, `"${text}" is not an ISO date`);
  return date.toISOString();
}
