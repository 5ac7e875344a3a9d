// PrestaShop dates are `YYYY-MM-DD HH:MM:SS` in the shop's time zone, without an offset; the hub wants
// UTC ISO-8601. These helpers convert both ways for an IANA zone (DST included) and step by seconds.
const SHOP_DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, found);
  }
  return found;
}

/** Wall-clock fields of an instant in a zone. */
function wallClock(utcMs: number, timeZone: string): number[] {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(utcMs)).map((part) => [part.type, part.value]));
  return [Number(parts.year), Number(parts.month), Number(parts.day), Number(parts.hour) % 24, Number(parts.minute), Number(parts.second)];
}

/** The zone's offset from UTC at an instant, in ms. */
function offsetAt(utcMs: number, timeZone: string): number {
  const [y, mo, d, h, mi, s] = wallClock(utcMs, timeZone);
  return Date.UTC(y, mo - 1, d, h, mi, s) - Math.floor(utcMs / 1000) * 1000;
}

export function isShopDate(value: unknown): value is string {
  return typeof value === 'string' && SHOP_DATE.test(value) && !value.startsWith('0000');
}

/** Shop wall-clock time → UTC instant; undefined for empty or `0000-00-00 00:00:00` dates. */
export function shopDateToUtc(value: string, timeZone: string): Date | undefined {
  const match = SHOP_DATE.exec(value);
  if (!match || value.startsWith('0000')) return undefined;
  const [y, mo, d, h, mi, s] = match.slice(1).map(Number);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  // Two passes settle the offset across a DST change (the first guess may sit on the other side of it).
  let utc = asUtc - offsetAt(asUtc, timeZone);
  const second = asUtc - offsetAt(utc, timeZone);
  if (second !== utc) utc = second;
  return new Date(utc);
}

/** UTC instant → the shop's wall-clock date string. */
export function utcToShopDate(instant: Date | number, timeZone: string): string {
  const [y, mo, d, h, mi, s] = wallClock(typeof instant === 'number' ? instant : instant.getTime(), timeZone);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`;
}

/** Adds seconds to a shop date as plain calendar arithmetic (no zone: the Webservice compares the strings). */
export function addSeconds(shopDate: string, seconds: number): string {
  const match = SHOP_DATE.exec(shopDate);
  if (!match) throw new Error(`not a PrestaShop date: ${shopDate}`);
  const [y, mo, d, h, mi, s] = match.slice(1).map(Number);
  const shifted = new Date(Date.UTC(y, mo - 1, d, h, mi, s) + seconds * 1000);
  return shifted.toISOString().slice(0, 19).replace('T', ' ');
}
