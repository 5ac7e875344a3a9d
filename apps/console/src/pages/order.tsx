// One order: lines with their allocation, shipments and their actions, payments, returns and the event
// history. Any status or shipment event of this order, pushed by the hub, reloads the page's data.
import { useEffect } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useQuery, useSubscription } from 'urql';
import { StatusBadge } from '../components/status-badge';
import { dateTime, money } from '../components/format';
import { graphErrors } from '../graph/errors';
import { useViewer } from '../viewer';
import { OrderDetailQuery, OrderShipmentUpdatedSubscription } from './order-detail-query';
import { OrderStatusChangedSubscription } from './order-queries';
import { ShipmentCard } from './order-shipment';
import { CancelOrder, CancelLines, RecordPayment } from './order-actions';
import { Returns } from './order-returns';
import { Timeline } from './order-timeline';

export function OrderPage() {
  const { id = '' } = useParams();
  const { can } = useViewer();
  const [{ data, fetching, error }, reload] = useQuery({ query: OrderDetailQuery, variables: { id } });
  const [statusEvents] = useSubscription({ query: OrderStatusChangedSubscription, variables: { orderId: id } });
  const [shipmentEvents] = useSubscription({ query: OrderShipmentUpdatedSubscription, variables: { orderId: id } });
  const lastEvent = `${statusEvents.data?.orderStatusChanged.cursor ?? ''}|${shipmentEvents.data?.shipmentUpdated.cursor ?? ''}`;
  useEffect(() => {
    if (lastEvent !== '|') reload({ requestPolicy: 'network-only' });
  }, [lastEvent, reload]);

  const order = data?.order;
  if (error && !order) return <p role="alert">{graphErrors(error).general.join(' ')}</p>;
  if (!order) return <p role="status">{fetching ? 'Loading…' : 'No such order.'}</p>;
  const refresh = () => reload({ requestPolicy: 'network-only' });

  return (
    <article aria-labelledby="order-title" className="order">
      <p>
        <Link to="/orders">← Orders</Link>
      </p>
      <h1 id="order-title">
        Order {order.number} <StatusBadge status={order.status} />
      </h1>
      <dl className="facts">
        <dt>Channel</dt>
        <dd>
          {order.channel} · {order.channelOrderId}
        </dd>
        <dt>Customer</dt>
        <dd>
          {order.customer.name} &lt;{order.email}&gt;
        </dd>
        <dt>Ship to</dt>
        <dd>
          {order.shippingAddress.name}, {order.shippingAddress.line1}, {order.shippingAddress.postalCode} {order.shippingAddress.city}, {order.shippingAddress.countryCode}
        </dd>
        <dt>Placed</dt>
        <dd>{dateTime(order.placedAt)}</dd>
        <dt>Payment</dt>
        <dd data-testid="payment-status">{order.paymentStatus}</dd>
        <dt>Total</dt>
        <dd>{money(order.totals.total)}</dd>
        {order.backorderedQuantity > 0 && (
          <>
            <dt>Backordered</dt>
            <dd>{order.backorderedQuantity} units</dd>
          </>
        )}
        {order.holdReasons.length > 0 && (
          <>
            <dt>On hold</dt>
            <dd>{order.holdReasons.join('; ')}</dd>
          </>
        )}
        {order.cancellationReason && (
          <>
            <dt>Cancelled</dt>
            <dd>{order.cancellationReason}</dd>
          </>
        )}
      </dl>

      <h2>Lines</h2>
      <table className="list" aria-label="Lines">
        <thead>
          <tr>
            <th scope="col">SKU</th>
            <th scope="col">Name</th>
            <th scope="col">Qty</th>
            <th scope="col">Unit price</th>
            <th scope="col">Total</th>
            <th scope="col">Allocated</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.id}>
              <td>{can.readInventory ? <Link to={`/inventory?sku=${encodeURIComponent(line.sku)}`}>{line.sku}</Link> : line.sku}</td>
              <td>{line.name}</td>
              <td className="num">{line.quantity}</td>
              <td className="num">{money(line.unitPrice)}</td>
              <td className="num">{money(line.total)}</td>
              <td>
                {order.allocations
                  .filter((allocation) => allocation.sku === line.sku)
                  .map((allocation) => `${allocation.quantity} at ${order.shipments.find((shipment) => shipment.location.id === allocation.locationId)?.location.name ?? allocation.locationId}`)
                  .join(', ') || '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Shipments</h2>
      {order.shipments.length === 0 && <p>No shipments yet.</p>}
      <div className="cards">
        {order.shipments.map((shipment) => (
          <ShipmentCard key={shipment.id} shipment={shipment} canOperate={can.operate} onChanged={refresh} />
        ))}
      </div>

      {can.operate && (
        <>
          <h2>Change the order</h2>
          <div className="cards">
            <CancelOrder orderId={order.id} status={order.status} onChanged={refresh} />
            <CancelLines orderId={order.id} lines={order.lines} onChanged={refresh} />
            <RecordPayment orderId={order.id} total={order.totals.total} onChanged={refresh} />
          </div>
        </>
      )}

      <h2>Payments</h2>
      <p>
        Authorised {money(order.amountAuthorized)} · paid {money(order.amountPaid)} · refunded {money(order.amountRefunded)}
      </p>
      {order.payments.length > 0 && (
        <ul>
          {order.payments.map((payment, index) => (
            <li key={index}>
              {dateTime(payment.at)} {payment.kind} {money(payment.amount)} {payment.reference ?? ''}
            </li>
          ))}
        </ul>
      )}

      <h2>Returns</h2>
      <Returns order={order} canOperate={can.operate} onChanged={refresh} />

      <h2>History</h2>
      <Timeline entries={order.history} />
    </article>
  );
}
