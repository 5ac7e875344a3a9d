// Event contracts: what a producer is refused, and what a consumer reads.
import { checkEventPayload, EventContractError, isStockEvent, parseEvent } from '../index';

const stockLevel = { sku: 'SKU-1', locationId: 'loc-1', onHand: 10, reserved: 2, safetyStock: 1, available: 7, deltaOnHand: 0, deltaReserved: 2, orderId: 'o-1' };

function refusal(run: () => unknown): EventContractError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(EventContractError);
    return error as EventContractError;
  }
  throw new Error('expected the payload to be refused');
}

describe('event contracts', () => {
  it('accepts a payload that follows its contract and answers the contract version', () => {
    expect(checkEventPayload('inventory.stock.reserved', stockLevel)).toBe(1);
  });

  it('refuses a payload with a field of the wrong type, naming the type and the field', () => {
    const error = refusal(() => checkEventPayload('inventory.stock.reserved', { ...stockLevel, onHand: '10' }));
    expect(error.eventType).toBe('inventory.stock.reserved');
    expect(error.field).toBe('payload.onHand');
    expect(error.message).toMatch(/inventory\.stock\.reserved.*payload\.onHand/);
  });

  it('refuses a payload missing a required field, naming the nested path', () => {
    const error = refusal(() =>
      checkEventPayload('fulfillment.shipment.created', { orderId: 'o-1', shipmentId: 's-1', locationId: 'l-1', to: 'PENDING', lines: [{ quantity: 1 }] }),
    );
    expect(error.field).toBe('payload.lines[0].sku');
  });

  it('refuses a status its owner does not declare', () => {
    const error = refusal(() => checkEventPayload('orders.order.status_changed', { channel: 'web', customerId: null, from: 'PENDING', to: 'LOST' }));
    expect(error.field).toBe('payload.to');
  });

  it('refuses a type of a contracted domain that has no contract (a typo), and lets other domains through', () => {
    expect(refusal(() => checkEventPayload('orders.order.placd', {})).field).toBe('type');
    expect(checkEventPayload('test.thing.changed', { anything: true })).toBeNull();
  });

  it('parses an event into its typed payload; events stored before versions were recorded are version 1', () => {
    const event = parseEvent({ type: 'inventory.stock.shipped', payload: { ...stockLevel, shipmentId: 's-1' } });
    expect(isStockEvent(event)).toBe(true);
    if (!isStockEvent(event)) return;
    expect(event.version).toBe(1);
    expect(event.payload.sku).toBe('SKU-1');
    expect(parseEvent({ type: 'test.thing.changed', payload: {} })).toBeNull();
    expect(() => parseEvent({ type: 'inventory.stock.set', version: 2, payload: stockLevel })).toThrow(/version/);
  });
});
