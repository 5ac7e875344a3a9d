// Who may call what is declared, not scattered: every Query, Mutation and Subscription field of every
// subgraph schema has a policy in that subgraph's src/policies.ts (a field without one is a test
// failure here and keeps the subgraph from starting), and the gateway answers by those policies:
// FORBIDDEN naming the field and who may call it, before anything is read.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { policyGaps, projectRoot, serveSubgraph, type AnyPolicyMap } from '@oms/platform';
import { policies as access } from '../subgraphs/access/src/policies';
import { policies as channels } from '../subgraphs/channels/src/policies';
import { policies as customers } from '../subgraphs/customers/src/policies';
import { policies as fulfillment } from '../subgraphs/fulfillment/src/policies';
import { policies as inventory } from '../subgraphs/inventory/src/policies';
import { policies as orders } from '../subgraphs/orders/src/policies';
import { policies as webhooks } from '../subgraphs/webhooks/src/policies';
import { CITIES, createItem, createLocation, orderInput, unique } from './support/fixtures';
import { startTestStack, type ApiKeyHandle, type GqlResponse, type TestStack } from './support/stack';

const POLICY_MAPS: Record<string, AnyPolicyMap> = { access, channels, customers, fulfillment, inventory, orders, webhooks };
const SCHEMA_DIR = path.join(projectRoot, 'schema');
const SUBGRAPHS = readdirSync(SCHEMA_DIR)
  .filter((file) => file.endsWith('.graphql'))
  .map((file) => path.basename(file, '.graphql'))
  .sort();

function schemaOf(name: string) {
  return buildSubgraphSchema({ typeDefs: parse(readFileSync(path.join(SCHEMA_DIR, `${name}.graphql`), 'utf8')) });
}

/** The orders map without Mutation.placeOrder's policy. */
function ordersWithoutPlaceOrder(): AnyPolicyMap {
  const { placeOrder: _dropped, ...mutations } = orders.Mutation;
  return { ...(orders as AnyPolicyMap), Mutation: mutations };
}

describe('the policy maps', () => {
  it('exist for every subgraph schema', () => {
    expect(Object.keys(POLICY_MAPS).sort()).toEqual(SUBGRAPHS);
  });

  it.each(SUBGRAPHS)('%s: every Query, Mutation and Subscription field has a policy, and every policy names a field of the schema', (name) => {
    expect(policyGaps(schemaOf(name), POLICY_MAPS[name])).toEqual([]);
  });

  it('report a field whose policy was removed, and a policy for a field the schema does not have', () => {
    expect(policyGaps(schemaOf('orders'), ordersWithoutPlaceOrder())).toEqual(['Mutation.placeOrder has no policy']);
    const renamed: AnyPolicyMap = { ...(orders as AnyPolicyMap), Order: { ...orders.Order, paymentRecords: 'INTERNAL' } };
    expect(policyGaps(schemaOf('orders'), renamed)).toEqual(['Order.paymentRecords is not a field of this subgraph']);
  });

  it('keep a subgraph with a field without policy from starting', async () => {
    const start = serveSubgraph({
      name: 'orders',
      schemaPath: path.join(SCHEMA_DIR, 'orders.graphql'),
      resolvers: {},
      policies: ordersWithoutPlaceOrder(),
      connection: {} as never,
      createContext: () => ({}),
      port: 0,
    });
    await expect(start).rejects.toThrow(/Mutation\.placeOrder has no policy/);
  });
});

describe('through the gateway', () => {
  let hub: TestStack;
  let staff: ApiKeyHandle;
  let service: ApiKeyHandle;
  let partner: ApiKeyHandle;
  let customer: ApiKeyHandle;
  let customerOrderId: string;

  function refusal(result: GqlResponse<unknown>) {
    return { code: result.errors?.[0]?.extensions?.code, field: result.errors?.[0]?.extensions?.field, message: result.errors?.[0]?.message };
  }

  beforeAll(async () => {
    hub = await startTestStack();
    const locationId = await createLocation(hub, CITIES.berlin);
    const sku = await createItem(hub, [{ locationId, onHand: 50 }]);
    const email = `${unique('policy')}@example.com`;
    const { upsertCustomer } = await hub.data<{ upsertCustomer: { id: string } }>(`mutation($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { id } }`, {
      input: { email, name: 'Policy Reader' },
    });
    const { placeOrder } = await hub.data<{ placeOrder: { id: string } }>(`mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`, {
      input: { ...orderInput({ lines: [{ sku, quantity: 1 }], channel: 'web' }), customerId: upsertCustomer.id, customer: undefined },
    });
    customerOrderId = placeOrder.id;
    [staff, service, partner, customer] = await Promise.all([
      hub.createKey('STAFF'),
      hub.createKey('SERVICE'),
      hub.createKey('PARTNER', { channels: [unique('chan')] }),
      hub.createKey('CUSTOMER', { customerId: upsertCustomer.id }),
    ]);
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('refuses a STAFF key creating API keys, naming the operation and who may call it', async () => {
    const result = await hub.gql(`mutation { createApiKey(input: { name: "mine", role: ADMIN }) { secret } }`, {}, staff.headers);
    expect(refusal(result)).toMatchObject({ code: 'FORBIDDEN', message: 'STAFF may not use Mutation.createApiKey: it is open to ADMIN only' });
    const keys = await hub.data<{ apiKeys: Array<{ name: string }> }>(`{ apiKeys { name } }`);
    expect(keys.apiKeys.map((key) => key.name)).not.toContain('mine');
  });

  it('lets a hub service resolve the keys behind identities but not list them', async () => {
    expect(refusal(await hub.gql(`{ apiKeys { id } }`, {}, service.headers)).code).toBe('FORBIDDEN');
    const viewer = await hub.gql(`{ viewer { role } }`, {}, service.headers);
    expect(viewer.data).toEqual({ viewer: { role: 'SERVICE' } });
  });

  it('refuses a CUSTOMER a back-office field of its own order at that field', async () => {
    const own = await hub.gql(`query($id: ID!) { order(id: $id) { id status } }`, { id: customerOrderId }, customer.headers);
    expect(own.errors).toBeUndefined();
    const result = await hub.gql(`query($id: ID!) { order(id: $id) { id holdReasons } }`, { id: customerOrderId }, customer.headers);
    expect(refusal(result)).toMatchObject({ code: 'FORBIDDEN', field: 'Order.holdReasons' });
    expect(result.errors?.[0]?.path).toEqual(['order', 'holdReasons']);
  });

  it('refuses a CUSTOMER every webhook operation, whatever id it asks about, and still tells it the event types', async () => {
    const attempts = await Promise.all([
      hub.gql(`{ webhookEndpoints { id } }`, {}, customer.headers),
      hub.gql(`{ webhookEndpoint(id: "whe_unknown") { id } }`, {}, customer.headers),
      hub.gql(`{ webhookDeliveries { edges { node { id } } } }`, {}, customer.headers),
      hub.gql(`{ webhookDelivery(id: "whd_unknown") { id } }`, {}, customer.headers),
      hub.gql(`mutation { redeliverWebhook(deliveryId: "whd_unknown") { id } }`, {}, customer.headers),
    ]);
    expect(attempts.map((result) => refusal(result).code)).toEqual(Array(attempts.length).fill('FORBIDDEN'));
    const types = await hub.gql<{ webhookEventTypes: string[] }>(`{ webhookEventTypes }`, {}, customer.headers);
    expect(types.data?.webhookEventTypes.length).toBeGreaterThan(0);
  });

  it('lets a PARTNER read the channel connectors but not add connections; a CUSTOMER neither', async () => {
    const connectors = await hub.gql(`{ channelConnectors { kind } }`, {}, partner.headers);
    expect(connectors.errors).toBeUndefined();
    expect(refusal(await hub.gql(`{ channelConnectors { kind } }`, {}, customer.headers)).code).toBe('FORBIDDEN');
    const add = await hub.gql(`mutation($input: AddChannelConnectionInput!) { addChannelConnection(input: $input) { id } }`, { input: { kind: 'csv', channel: 'x', name: 'x', config: {} } }, partner.headers);
    expect(refusal(add)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('Mutation.addChannelConnection') });
  });

  it('lets every role read the catalogue', async () => {
    for (const key of [staff, partner, customer]) {
      const result = await hub.gql(`{ inventoryItems(first: 1) { edges { node { sku } } } locations { id } }`, {}, key.headers);
      expect(result.errors).toBeUndefined();
    }
  });
});
