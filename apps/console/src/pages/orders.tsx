// Orders: a paginated, filtered list (state in the URL), search by exact order number, channel order
// id, customer e-mail or purchase-order number (the graph's `search` filter), and statuses updated
// live by orderStatusChanged.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useQuery, useSubscription } from 'urql';
import type { OrderRowFragment, OrderStatus } from '../gql/graphql';
import { StatusBadge } from '../components/status-badge';
import { dateTime, money } from '../components/format';
import { useUrlState } from '../components/use-url-state';
import { graphErrors } from '../graph/errors';
import { useViewer } from '../viewer';
import { OrderLocationsQuery, OrdersQuery, OrderStatusChangedSubscription } from './order-queries';

export const ORDER_STATUSES: OrderStatus[] = ['PENDING', 'ON_HOLD', 'BACKORDERED', 'ALLOCATED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'CHANNEL_FULFILLED'];
const PAGE_SIZES = ['20', '50', '100'];

type Params = 'status' | 'channel' | 'location' | 'from' | 'to' | 'q' | 'after' | 'first';

export function OrdersPage() {
  const [state, update] = useUrlState<Params>();
  const first = Number(state.first ?? 20);
  const filter = useMemo(
    () => ({
      status: state.status ? [state.status as OrderStatus] : undefined,
      channel: state.channel ? [state.channel] : undefined,
      placedFrom: state.from ? `${state.from}T00:00:00.000Z` : undefined,
      placedTo: state.to ? `${state.to}T23:59:59.999Z` : undefined,
      search: state.q?.trim() || undefined,
      locationId: state.location || undefined,
    }),
    [state.status, state.channel, state.location, state.from, state.to, state.q],
  );
  const search = filter.search;
  const [{ data, fetching, error }] = useQuery({ query: OrdersQuery, variables: { filter, first, after: state.after ?? null } });
  const live = useLiveStatuses();

  const rows: OrderRowFragment[] = data?.orders.edges.map((edge) => edge.node) ?? [];
  const loading = fetching;
  const problems = graphErrors(error).general;

  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">Orders</h1>
      <OrderFilters state={state} update={update} />
      {problems.length > 0 && (
        <div className="status status-error" role="alert">
          {problems.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
        </div>
      )}
      <p className="summary" role="status" aria-live="polite">
        {loading ? 'Loading…' : search ? `${data?.orders.totalCount ?? 0} found for “${search}”` : `${data?.orders.totalCount ?? 0} orders`}
      </p>
      <table className="list" aria-label="Orders">
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Channel</th>
            <th scope="col">Channel order id</th>
            <th scope="col">Customer</th>
            <th scope="col">Status</th>
            <th scope="col">Payment</th>
            <th scope="col">Total</th>
            <th scope="col">Placed</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((order) => (
            <tr key={order.id} data-order-id={order.id}>
              <td>
                <Link to={`/orders/${order.id}`}>{order.number}</Link>
              </td>
              <td>{order.channel}</td>
              <td>{order.channelOrderId}</td>
              <td>{order.email}</td>
              <td>
                <StatusBadge status={live[order.id] ?? order.status} />
              </td>
              <td>{order.paymentStatus}</td>
              <td className="num">{money(order.totals.total)}</td>
              <td>{dateTime(order.placedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav className="pager" aria-label="Pages">
        <button type="button" disabled={!state.after} onClick={() => update({ after: null })}>
          First page
        </button>
        <button type="button" disabled={!data?.orders.pageInfo.hasNextPage} onClick={() => update({ after: data?.orders.pageInfo.endCursor ?? null })}>
          Next page
        </button>
        <label>
          Rows per page{' '}
          <select value={String(first)} onChange={(event) => update({ first: event.target.value, after: null })}>
            {PAGE_SIZES.map((size) => (
              <option key={size}>{size}</option>
            ))}
          </select>
        </label>
      </nav>
    </section>
  );
}

function OrderFilters({ state, update }: { state: Partial<Record<Params, string>>; update: (changes: Partial<Record<Params, string | null>>) => void }) {
  const [query, setQuery] = useState(state.q ?? '');
  useEffect(() => setQuery(state.q ?? ''), [state.q]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update({ q: query.trim() || null, after: null });
  };
  return (
    <div className="filters">
      <form role="search" onSubmit={submit} className="search">
        <label htmlFor="order-search">Search</label>
        <input id="order-search" type="search" placeholder="Order number, channel order id, customer e-mail or PO number" value={query} onChange={(event) => setQuery(event.target.value)} />
        <button type="submit">Search</button>
        {state.q && (
          <button type="button" onClick={() => update({ q: null })}>
            Clear
          </button>
        )}
      </form>
      <label>
        Status{' '}
        <select value={state.status ?? ''} onChange={(event) => update({ status: event.target.value, after: null })}>
          <option value="">Any</option>
          {ORDER_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
      </label>
      <label>
        Channel <input value={state.channel ?? ''} onChange={(event) => update({ channel: event.target.value, after: null })} size={10} />
      </label>
      <LocationFilter value={state.location ?? ''} onChange={(location) => update({ location, after: null })} />
      <label>
        Placed from <input type="date" value={state.from ?? ''} onChange={(event) => update({ from: event.target.value, after: null })} />
      </label>
      <label>
        to <input type="date" value={state.to ?? ''} onChange={(event) => update({ to: event.target.value, after: null })} />
      </label>
    </div>
  );
}

/** Orders allocated to a location. Back office only: where an order is allocated is internal to the hub. */
function LocationFilter({ value, onChange }: { value: string; onChange: (location: string) => void }) {
  const { can } = useViewer();
  const [{ data }] = useQuery({ query: OrderLocationsQuery, pause: !can.operate });
  if (!can.operate) return null;
  return (
    <label>
      Location{' '}
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">Any</option>
        {data?.locations.map((location) => (
          <option key={location.id} value={location.id}>
            {location.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Status changes pushed by the hub since the page opened, by order id. */
function useLiveStatuses(): Record<string, OrderStatus> {
  const [{ data }] = useSubscription({ query: OrderStatusChangedSubscription, variables: {} }, (statuses: Record<string, OrderStatus> = {}, event) => ({
    ...statuses,
    [event.orderStatusChanged.order.id]: event.orderStatusChanged.status,
  }));
  return data ?? {};
}

