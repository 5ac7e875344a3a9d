// Orders per channel per UTC day: the dashboard's exact figures (a page of orders would only sample
// a busy hub), over a bounded range so one call never reads the whole history.
//
// The orders of the range are read as (channel, placedAt) pairs and tallied here: FerretDB v1 has no
// date operators for a server-side $group by day, and scans the table for a placedAt range either
// way (NOTES.md, "Storage performance"), so this reads the same rows as any range query would.
import { badInput } from '@oms/platform';
import type { OrderModel } from '../models/order.model';

export const MAX_COUNT_DAYS = 92;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface OrderDayCountRecord {
  /** YYYY-MM-DD, UTC. */
  day: string;
  channel: string;
  count: number;
}

/** `scope`: the orders query of the caller's narrowed filter (channels, customer), without a placed range. */
export async function orderCountsByDay(orders: OrderModel, scope: Record<string, unknown>, from: Date, to: Date): Promise<OrderDayCountRecord[]> {
  if (Number.isNaN(from.getTime())) throw badInput('from', 'must be a date-time');
  if (Number.isNaN(to.getTime()) || to <= from) throw badInput('to', 'must be after from');
  if (to.getTime() - from.getTime() > MAX_COUNT_DAYS * DAY_MS) throw badInput('to', `must be at most ${MAX_COUNT_DAYS} days after from`);
  const query = { ...scope, placedAt: { $gte: from, $lt: to } };
  const counts = new Map<string, OrderDayCountRecord>();
  for await (const order of orders.find(query, { channel: 1, placedAt: 1, _id: 0 }).lean<{ channel: string; placedAt: Date }>().cursor()) {
    const day = new Date(order.placedAt).toISOString().slice(0, 10);
    const key = `${day}\u0000${order.channel}`;
    const entry = counts.get(key) ?? { day, channel: order.channel, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => a.day.localeCompare(b.day) || a.channel.localeCompare(b.channel));
}
