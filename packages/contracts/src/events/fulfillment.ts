// The fulfillment log's events: shipments and returns. Every payload carries `orderId` (the orders
// subgraph re-derives order status from them).
import { z } from 'zod';
import { id, minorUnits, currencyCode, RETURN_CONDITIONS, returnStatus, shipmentStatus, skuQuantity, units } from './common';
import { defineEvent } from './define-event';

const shipmentRef = { orderId: id, shipmentId: id, locationId: id, lines: z.array(skuQuantity) };
const returnRef = { orderId: id, returnId: id, rmaNumber: z.string().min(1) };
const returnMove = { ...returnRef, from: returnStatus, to: returnStatus };

export const FULFILLMENT_EVENT_CONTRACTS = [
  defineEvent('fulfillment.shipment.created', 1, z.object({ ...shipmentRef, to: z.literal('PENDING') })),
  defineEvent(
    'fulfillment.shipment.status_changed',
    1,
    z.object({
      ...shipmentRef,
      from: shipmentStatus,
      to: shipmentStatus,
      carrier: z.string().optional(),
      trackingNumber: z.string().optional(),
      trackingUrl: z.string().optional(),
      /** Why it was cancelled or flagged. */
      reason: z.string().optional(),
    }),
  ),
  defineEvent('fulfillment.return.requested', 1, z.object({ ...returnRef, to: z.literal('REQUESTED'), reason: z.string(), lines: z.array(skuQuantity) })),
  defineEvent('fulfillment.return.approved', 1, z.object(returnMove)),
  defineEvent('fulfillment.return.rejected', 1, z.object({ ...returnMove, reason: z.string() })),
  defineEvent(
    'fulfillment.return.received',
    1,
    z.object({
      ...returnMove,
      lines: z.array(
        z.object({
          sku: z.string().min(1),
          quantity: units,
          receivedQuantity: units,
          condition: z.enum(RETURN_CONDITIONS).nullable(),
          restockLocationId: id.nullable(),
        }),
      ),
    }),
  ),
  defineEvent(
    'fulfillment.return.refunded',
    1,
    z.object({ ...returnMove, refundId: id, amount: minorUnits, currency: currencyCode, lines: z.array(skuQuantity) }),
  ),
] as const;
