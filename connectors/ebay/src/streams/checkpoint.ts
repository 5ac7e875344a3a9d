// Where the orders stream resumes. `from` is a lastModifiedDate; `seen` the orders already read at
// exactly that instant (the filter's bounds are inclusive). `window` is present mid-read: the upper
// bound of the read in progress, how far into it the pages went and how many orders it held then.
import { ConnectorError } from '@oms/connector-kit';

export interface OrdersWindow {
  until: string;
  offset: number;
  total: number;
}

export interface OrdersCheckpoint {
  from: string;
  seen: string[];
  window?: OrdersWindow;
}

const isInstant = (value: unknown): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value));
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

export function encodeOrdersCheckpoint(checkpoint: OrdersCheckpoint): string {
  return JSON.stringify({ v: 1, from: checkpoint.from, seen: checkpoint.seen, ...(checkpoint.window ? { window: checkpoint.window } : {}) });
}

export function decodeOrdersCheckpoint(checkpoint: string | null): OrdersCheckpoint | undefined {
  if (checkpoint === null || checkpoint === '') return undefined;
  try {
    const parsed = JSON.parse(checkpoint) as { v?: unknown; from?: unknown; seen?: unknown; window?: Partial<OrdersWindow> };
    if (parsed.v === 1 && isInstant(parsed.from) && Array.isArray(parsed.seen)) {
      const window = parsed.window;
      if (window === undefined) return { from: parsed.from, seen: parsed.seen.map(String) };
      if (isInstant(window.until) && isCount(window.offset) && isCount(window.total)) {
        return { from: parsed.from, seen: parsed.seen.map(String), window: { until: window.until, offset: window.offset, total: window.total } };
      }
    }
  } catch {
    // reported below
  }
  throw new ConnectorError('CONFIG', `eBay orders checkpoint is not one this connector wrote: ${checkpoint.slice(0, 120)}`);
}
