// Every event the subgraphs write has a contract, and an event that breaks its contract is refused
// where it is built (before it joins an outbox), so the write that makes it fails and nothing reaches
// the log or its readers.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { contractOf, EventContractError } from '@oms/contracts';
import { newEvent } from '@oms/platform';
import { FULFILLMENT_EVENTS } from '../subgraphs/fulfillment/src/services/fulfillment-events';
import { ORDER_EVENTS } from '../subgraphs/orders/src/services/order-events';

/** The subgraphs that append to event logs. */
const PRODUCERS = ['orders', 'inventory', 'fulfillment'];
const EVENT_TYPE = /['"`]((?:orders|inventory|fulfillment)\.[a-z_]+\.[a-z_]+)['"`]/g;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === '__generated__' ? [] : sources(file);
    return file.endsWith('.ts') && !file.endsWith('.test.ts') ? [file] : [];
  });
}

describe('event contracts', () => {
  it('every event type in the subgraphs’ vocabularies has a contract', () => {
    const declared = [...Object.values(ORDER_EVENTS), ...Object.values(FULFILLMENT_EVENTS)];
    expect(declared.filter((type) => !contractOf(type))).toEqual([]);
  });

  it('every event type named in the producing subgraphs’ sources has a contract', () => {
    const named = new Set<string>();
    for (const subgraph of PRODUCERS) {
      for (const file of sources(path.join(__dirname, '..', 'subgraphs', subgraph, 'src'))) {
        for (const match of readFileSync(file, 'utf8').matchAll(EVENT_TYPE)) named.add(match[1]);
      }
    }
    expect(named.size).toBeGreaterThan(20);
    expect([...named].filter((type) => !contractOf(type))).toEqual([]);
  });

  it('an event whose payload breaks its contract is refused where it is built, naming the type and the field', () => {
    const build = () => newEvent(ORDER_EVENTS.placed, 'Order', 'o-1', { number: 'ORD-1', channel: 'web', customerId: null, total: '12.50', currency: 'EUR', to: 'PENDING' }, 'test');
    expect(build).toThrow(EventContractError);
    expect(build).toThrow(/orders\.order\.placed.*payload\.total/);
  });

  it('an event that follows its contract is built with the contract version', () => {
    const event = newEvent(ORDER_EVENTS.placed, 'Order', 'o-1', { number: 'ORD-1', channel: 'web', customerId: null, total: 1250, currency: 'EUR', to: 'PENDING' }, 'test');
    expect(event).toMatchObject({ type: 'orders.order.placed', version: 1, payload: { total: 1250 } });
  });
});
