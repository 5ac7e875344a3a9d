// Shipping an order on PrestaShop: the tracking number goes on the order's carrier row
// (`PUT /api/order_carriers/{id}`; a further shipment gets a row of its own), then the order moves to
// the Shipped state (`POST /api/order_histories`) unless its state is already a shipped one. Every
// step first reads what is there, so replaying a hub shipment (a retry, a crash between the two steps)
// writes nothing twice.
import { ConnectorError, type CanonicalFulfillment, type WriteResult } from '@oms/connector-kit';
import { anyOf, isFilterSafe, listResource, scalarFields, writeResource, type PsContext, type PsRecord } from '../client';

/** The shop's carrier named like the hub's (case-insensitive, not deleted), if there is one. */
async function findCarrier(ctx: PsContext, name: string): Promise<PsRecord | undefined> {
  if (!isFilterSafe(name)) return undefined;
  const carriers = await listResource(ctx, 'carriers', { display: ['id', 'name', 'deleted'], filter: { name: anyOf([name]), deleted: anyOf([0]) } });
  return carriers.find((carrier) => String(carrier.name).toLowerCase() === name.toLowerCase());
}

/** Whether the order already is in a state the shop flags as shipped (Shipped, Delivered, custom ones). */
async function isShippedState(ctx: PsContext, stateId: number): Promise<boolean> {
  if (stateId === ctx.config.orderStates.shipped) return true;
  const [state] = await listResource(ctx, 'order_states', { display: ['id', 'shipped'], filter: { id: anyOf([stateId]) } });
  return String(state?.shipped ?? '0') === '1';
}

export async function createFulfillment(ctx: PsContext, fulfillment: CanonicalFulfillment): Promise<WriteResult> {
  const { channelOrderId, trackingNumber, shipmentId } = fulfillment;
  const log = ctx.log.child({ channelOrderId, shipmentId });
  if (!/^[1-9]\d*$/.test(channelOrderId)) throw new ConnectorError('BAD_RECORD', `shipment ${shipmentId}: channelOrderId ${JSON.stringify(channelOrderId)} is not a PrestaShop order id`);
  if (!trackingNumber.trim()) throw new ConnectorError('BAD_RECORD', `shipment ${shipmentId}: trackingNumber is required by PrestaShop`);

  const [order] = await listResource(ctx, 'orders', { display: ['id', 'current_state', 'id_carrier'], filter: { id: anyOf([channelOrderId]) } });
  if (!order) throw new ConnectorError('BAD_RECORD', `shipment ${shipmentId}: PrestaShop has no order ${channelOrderId}`);
  const { shipped, cancelled } = ctx.config.orderStates;
  const currentState = Number(order.current_state);
  if (currentState === cancelled) throw new ConnectorError('BAD_RECORD', `shipment ${shipmentId}: PrestaShop order ${channelOrderId} is cancelled (state ${cancelled}) and cannot be shipped`);

  const carriers = await listResource(ctx, 'order_carriers', { display: 'full', filter: { id_order: anyOf([channelOrderId]) }, sort: ['id_ASC'] });
  let carrierRow = carriers.find((row) => String(row.tracking_number ?? '') === trackingNumber);
  if (carrierRow) {
    log.info({ orderCarrierId: carrierRow.id }, 'tracking number already on the PrestaShop order');
  } else {
    // The hub's carrier when the shop knows it by name; otherwise the one the customer chose.
    const carrier = await findCarrier(ctx, fulfillment.carrier);
    const blank = carriers.find((row) => !String(row.tracking_number ?? '').trim());
    if (blank) {
      carrierRow = await writeResource(ctx, 'PUT', 'order_carriers', 'order_carrier', { ...scalarFields(blank), id_carrier: carrier ? String(carrier.id) : String(blank.id_carrier), tracking_number: trackingNumber });
    } else {
      // A further shipment of the same order: PrestaShop lists one carrier row per parcel.
      carrierRow = await writeResource(ctx, 'POST', 'order_carriers', 'order_carrier', {
        id_order: channelOrderId,
        id_carrier: carrier ? String(carrier.id) : String(carriers[0]?.id_carrier ?? order.id_carrier),
        weight: 0,
        shipping_cost_tax_excl: 0,
        shipping_cost_tax_incl: 0,
        tracking_number: trackingNumber,
      });
    }
    log.info({ orderCarrierId: carrierRow.id }, 'tracking number set on the PrestaShop order');
  }

  let historyId: string | undefined;
  if (!(await isShippedState(ctx, currentState))) {
    const history = await writeResource(ctx, 'POST', 'order_histories', 'order_history', { id_order: channelOrderId, id_order_state: shipped }, ctx.config.notifyCustomer ? { sendemail: 1 } : {});
    historyId = String(history.id);
    log.info({ orderHistoryId: historyId, state: shipped }, 'PrestaShop order moved to Shipped');
  }
  return { reference: `order_carrier:${carrierRow.id}${historyId ? ` order_history:${historyId}` : ''}` };
}
