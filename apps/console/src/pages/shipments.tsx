// Shipments: the late ones (promised to ship before now and not shipped: the dashboard's number links
// here), or any status; state in the URL (`/shipments?late=1`, `?status=EXCEPTION`).
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { ShipmentStatus } from '../gql/graphql';
import { StatusBadge } from '../components/status-badge';
import { dateTime } from '../components/format';
import { useUrlState } from '../components/use-url-state';
import { graphErrors } from '../graph/errors';

/** Not shipped yet: with a ship-by time in the past these are late (ShipmentFilter.shipByBefore). */
export const UNSHIPPED: ShipmentStatus[] = ['PENDING', 'PICKING', 'PACKED'];
const STATUSES: ShipmentStatus[] = ['PENDING', 'PICKING', 'PACKED', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'EXCEPTION'];
const PAGE_SIZE = 50;

const ShipmentsQuery = graphql(`
  query Shipments($filter: ShipmentFilter, $first: Int, $after: String) {
    shipments(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          status
          shipBy
          late
          createdAt
          note
          location {
            id
            name
          }
          lines {
            sku
            quantity
          }
          order {
            id
            number
            channel
          }
        }
      }
    }
  }
`);

export function ShipmentsPage() {
  const [state, update] = useUrlState<'late' | 'status' | 'after'>();
  const late = state.late === '1';
  // "Now" is fixed when the page opens, so paging does not move the list under the reader.
  const now = useMemo(() => new Date().toISOString(), []);
  const filter = useMemo(
    () => (late ? { shipByBefore: now, status: UNSHIPPED } : state.status ? { status: [state.status as ShipmentStatus] } : {}),
    [late, now, state.status],
  );
  const [{ data, fetching, error }] = useQuery({ query: ShipmentsQuery, variables: { filter, first: PAGE_SIZE, after: state.after ?? null } });
  const rows = data?.shipments.edges.map((edge) => edge.node) ?? [];
  return (
    <section aria-labelledby="shipments-title">
      <h1 id="shipments-title">{late ? 'Late shipments' : 'Shipments'}</h1>
      <div className="filters">
        <label>
          Show{' '}
          <select value={late ? 'late' : (state.status ?? '')} onChange={(event) => (event.target.value === 'late' ? update({ late: '1', status: null, after: null }) : update({ late: null, status: event.target.value, after: null }))}>
            <option value="">All</option>
            <option value="late">Late against their promise</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && <p role="alert">{graphErrors(error).general.join(' ')}</p>}
      <p className="summary" role="status" aria-live="polite">
        {fetching ? 'Loading…' : `${data?.shipments.totalCount ?? 0} ${late ? 'late shipments' : 'shipments'}`}
      </p>
      <table className="list" aria-label="Shipments">
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Channel</th>
            <th scope="col">From</th>
            <th scope="col">Lines</th>
            <th scope="col">Status</th>
            <th scope="col">Ship by</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((shipment) => (
            <tr key={shipment.id} data-shipment-id={shipment.id} className={shipment.late ? 'late' : undefined}>
              <td>
                <Link to={`/orders/${shipment.order.id}`}>{shipment.order.number}</Link>
              </td>
              <td>{shipment.order.channel}</td>
              <td>{shipment.location.name}</td>
              <td>{shipment.lines.map((line) => `${line.quantity} × ${line.sku}`).join(', ')}</td>
              <td>
                <StatusBadge status={shipment.status} />
              </td>
              <td className={shipment.late ? 'bad' : undefined}>{dateTime(shipment.shipBy)}</td>
              <td>{shipment.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav className="pager" aria-label="Pages">
        <button type="button" disabled={!state.after} onClick={() => update({ after: null })}>
          First page
        </button>
        <button type="button" disabled={!data?.shipments.pageInfo.hasNextPage} onClick={() => update({ after: data?.shipments.pageInfo.endCursor ?? null })}>
          Next page
        </button>
      </nav>
    </section>
  );
}
