// What the hub sends as X12: 856 ship notice (HL shipment → order → items, tracking in REF*CN) and
// 846 inventory advice (QTY 33, quantity available, per SKU).
import type { CanonicalFulfillment, CanonicalStockLevel } from '@oms/connector-kit';
import { x12Date, type OutboundTransaction, type SegmentValues } from './x12-write';

export function shipNotice(fulfillment: CanonicalFulfillment, now = new Date()): OutboundTransaction {
  const shipped = new Date(fulfillment.shippedAt);
  const { ccyymmdd, hhmm } = x12Date(Number.isNaN(shipped.getTime()) ? now : shipped);
  const segments: SegmentValues[] = [
    ['BSN', '00', fulfillment.shipmentId.slice(0, 30), ccyymmdd, hhmm, '0001'],
    ['HL', '1', '', 'S'],
    ['TD5', 'B', '2', fulfillment.carrier.slice(0, 80)],
    ['REF', 'CN', fulfillment.trackingNumber.slice(0, 50)],
    ['DTM', '011', ccyymmdd],
    ['HL', '2', '1', 'O'],
    ['PRF', fulfillment.channelOrderId.slice(0, 22)],
  ];
  fulfillment.lines.forEach((line, index) => {
    segments.push(['HL', String(index + 3), '2', 'I']);
    segments.push(['LIN', line.channelLineId ?? '', 'SK', line.sku]);
    segments.push(['SN1', '', String(line.quantity), 'EA']);
  });
  segments.push(['CTT', String(fulfillment.lines.length + 2)]);
  return { code: '856', segments };
}

export function inventoryAdvice(reference: string, warehouseCode: string, levels: CanonicalStockLevel[], now = new Date()): OutboundTransaction {
  const { ccyymmdd } = x12Date(now);
  const segments: SegmentValues[] = [['BIA', '00', 'MM', reference, ccyymmdd], ['N1', 'WH', warehouseCode, '92', warehouseCode]];
  for (const level of levels) {
    segments.push(['LIN', '', 'SK', level.sku]);
    segments.push(['QTY', '33', String(level.quantity), 'EA']);
  }
  segments.push(['CTT', String(levels.length)]);
  return { code: '846', segments };
}
