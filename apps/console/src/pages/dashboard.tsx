// Dashboard: orders per channel per day, status mix, backorders, late shipments, low stock by location
// and connector health. Every number links to the filtered list behind it.
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from 'urql';
import { ArcElement, BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import { Bar, Doughnut } from 'react-chartjs-2';
import type { OrderStatus } from '../gql/graphql';
import { useViewer } from '../viewer';
import { ConnectorHealthQuery, DashboardCountsQuery, OrderCountsByDayQuery, StockOverviewQuery } from './dashboard-queries';

ChartJS.register(ArcElement, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const DAYS = 14;
const COLORS = ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#0891b2', '#65a30d', '#be185d'];

function startOfDay(daysAgo: number): Date {
  const day = new Date();
  day.setUTCHours(0, 0, 0, 0);
  day.setUTCDate(day.getUTCDate() - daysAgo);
  return day;
}

export function Dashboard() {
  const { can } = useViewer();
  const navigate = useNavigate();
  const now = useMemo(() => new Date().toISOString(), []);
  const from = useMemo(() => startOfDay(DAYS - 1).toISOString(), []);
  const to = useMemo(() => startOfDay(-1).toISOString(), []);
  const [counts] = useQuery({ query: DashboardCountsQuery, variables: { now } });
  const [perDayCounts] = useQuery({ query: OrderCountsByDayQuery, variables: { from, to } });
  const [stock] = useQuery({ query: StockOverviewQuery, pause: !can.readInventory });
  const [health] = useQuery({ query: ConnectorHealthQuery, pause: !can.readChannels });

  const statusMix: Array<[OrderStatus, number]> = counts.data
    ? [
        ['PENDING', counts.data.pending.totalCount],
        ['ON_HOLD', counts.data.onHold.totalCount],
        ['BACKORDERED', counts.data.backordered.totalCount],
        ['ALLOCATED', counts.data.allocated.totalCount],
        ['PARTIALLY_SHIPPED', counts.data.partiallyShipped.totalCount],
        ['SHIPPED', counts.data.shipped.totalCount],
        ['DELIVERED', counts.data.delivered.totalCount],
        ['CANCELLED', counts.data.cancelled.totalCount],
      ]
    : [];

  const perDay = useMemo(() => {
    const days = Array.from({ length: DAYS }, (_, index) => startOfDay(DAYS - 1 - index).toISOString().slice(0, 10));
    const byChannel = new Map<string, number[]>();
    for (const { day, channel, count } of perDayCounts.data?.orderCountsByDay ?? []) {
      const series = byChannel.get(channel) ?? days.map(() => 0);
      const index = days.indexOf(day);
      if (index >= 0) series[index] += count;
      byChannel.set(channel, series);
    }
    return { days, byChannel };
  }, [perDayCounts.data]);

  const lowStock = useMemo(() => {
    const byLocation = new Map<string, { name: string; count: number }>();
    for (const { node } of stock.data?.inventoryItems.edges ?? [])
      for (const level of node.stock)
        if (level.available <= level.safetyStock) {
          const entry = byLocation.get(level.location.id) ?? { name: level.location.name, count: 0 };
          entry.count += 1;
          byLocation.set(level.location.id, entry);
        }
    return [...byLocation.values()];
  }, [stock.data]);

  return (
    <section aria-labelledby="dashboard-title" className="dashboard">
      <h1 id="dashboard-title">Dashboard</h1>
      {counts.data && (
        <div className="tiles">
          <Link className="tile" to="/orders?status=BACKORDERED">
            <strong data-testid="backorders">{counts.data.backordered.totalCount}</strong> backordered orders
          </Link>
          <Link className="tile" to="/orders?status=ON_HOLD">
            <strong>{counts.data.onHold.totalCount}</strong> on hold
          </Link>
          <Link className="tile" to="/shipments?late=1">
            <strong data-testid="late-shipments">{counts.data.lateShipments.totalCount}</strong> shipments late against their promise
          </Link>
        </div>
      )}
      <div className="charts">
        <figure className="chart">
          <figcaption>Orders per channel per day (last {DAYS} days, UTC)</figcaption>
          <Bar
            aria-label="Orders per channel per day"
            role="img"
            data={{
              labels: perDay.days.map((day) => day.slice(5)),
              datasets: [...perDay.byChannel.entries()].map(([channel, series], index) => ({ label: channel, data: series, backgroundColor: COLORS[index % COLORS.length] })),
            }}
            options={{ responsive: true, animation: false, scales: { x: { stacked: true }, y: { stacked: true, ticks: { precision: 0 } } } }}
          />
          <OrdersPerDayTable days={perDay.days} byChannel={perDay.byChannel} />
        </figure>
        {statusMix.length > 0 && (
          <figure className="chart">
            <figcaption>Status mix</figcaption>
            <Doughnut
              aria-label="Orders by status"
              role="img"
              data={{ labels: statusMix.map(([status]) => status), datasets: [{ data: statusMix.map(([, count]) => count), backgroundColor: COLORS }] }}
              options={{ animation: false, onClick: (_event, elements) => elements[0] && navigate(`/orders?status=${statusMix[elements[0].index][0]}`) }}
            />
            <ul className="chart-links">
              {statusMix.map(([status, count]) => (
                <li key={status}>
                  <Link to={`/orders?status=${status}`}>
                    {status.replace(/_/g, ' ')}: {count}
                  </Link>
                </li>
              ))}
            </ul>
          </figure>
        )}
        {can.readInventory && (
          <figure className="chart">
            <figcaption>Low stock by location (SKUs at or under safety stock)</figcaption>
            <Bar aria-label="Low stock by location" role="img" data={{ labels: lowStock.map((entry) => entry.name), datasets: [{ label: 'SKUs low', data: lowStock.map((entry) => entry.count), backgroundColor: '#dc2626' }] }} options={{ animation: false, indexAxis: 'y', scales: { x: { ticks: { precision: 0 } } } }} />
            <Link to="/inventory?low=1">Low stock list</Link>
          </figure>
        )}
        {can.readChannels && (
          <figure className="chart">
            <figcaption>Connector health</figcaption>
            <ul className="health">
              {health.data?.channelConnections.map((connection) => (
                <li key={connection.id} className={connection.health.ok ? 'ok' : 'bad'}>
                  <Link to={`/channels/${connection.id}`}>{connection.name}</Link> · {connection.status} · {connection.health.ok ? 'healthy' : (connection.health.message ?? 'failing')} · {connection.counts.deadLetters} dead letters
                </li>
              ))}
              {health.data?.channelConnections.length === 0 && <li>No connections.</li>}
            </ul>
          </figure>
        )}
      </div>
    </section>
  );
}

/** The chart's figures as a table (readable without the canvas); each count links to that day's orders. */
function OrdersPerDayTable({ days, byChannel }: { days: string[]; byChannel: Map<string, number[]> }) {
  return (
    <details className="per-day">
      <summary>Figures</summary>
      <table className="list" aria-label="Orders per channel per day (figures)">
        <thead>
          <tr>
            <th scope="col">Channel</th>
            {days.map((day) => (
              <th scope="col" key={day}>
                {day.slice(5)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...byChannel.entries()].map(([channel, series]) => (
            <tr key={channel}>
              <th scope="row">
                <Link to={`/orders?channel=${encodeURIComponent(channel)}&from=${days[0]}`}>{channel}</Link>
              </th>
              {series.map((count, index) => (
                <td className="num" key={days[index]} data-channel={channel} data-day={days[index]}>
                  {count ? <Link to={`/orders?channel=${encodeURIComponent(channel)}&from=${days[index]}&to=${days[index]}`}>{count}</Link> : 0}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
