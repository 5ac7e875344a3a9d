// Customers through the gateway: one record per email, whatever its case, even under concurrency.
import { startTestStack, type TestStack } from './support/stack';

let hub: TestStack;

beforeAll(async () => {
  hub = await startTestStack();
});
afterAll(() => hub?.stop());

const UPSERT = `mutation($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { id email name tier addresses { city countryCode isDefault } defaultAddress { city } } }`;

describe('customers', () => {
  it('creates a customer and updates the same one when the email differs only in case', async () => {
    const created = await hub.data(UPSERT, {
      input: { email: 'Ada.Lovelace@Example.com', name: 'Ada Lovelace', addresses: [{ line1: '1 Analytical St', city: 'London', countryCode: 'GB' }] },
    });
    expect(created.upsertCustomer).toMatchObject({ email: 'ada.lovelace@example.com', name: 'Ada Lovelace', tier: 'STANDARD', defaultAddress: { city: 'London' } });

    const updated = await hub.data(UPSERT, { input: { email: 'ADA.LOVELACE@example.com', tier: 'VIP' } });
    expect(updated.upsertCustomer.id).toBe(created.upsertCustomer.id);
    expect(updated.upsertCustomer.tier).toBe('VIP');
    expect(updated.upsertCustomer.name).toBe('Ada Lovelace');

    const found = await hub.data(`{ customerByEmail(email: "ada.lovelace@EXAMPLE.com") { id } }`);
    expect(found.customerByEmail.id).toBe(created.upsertCustomer.id);
  });

  it('creates one customer when the same new email arrives many times at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => hub.gql(UPSERT, { input: { email: 'rush@example.com', name: `Rush ${i}` } })),
    );
    expect(results.every((result) => !result.errors)).toBe(true);
    expect(new Set(results.map((result) => result.data.upsertCustomer.id)).size).toBe(1);
    expect(await hub.subgraphs.customers.connection.collection('customers').countDocuments({ email: 'rush@example.com' })).toBe(1);
  });

  it('refuses bad input naming the field and writes nothing', async () => {
    const before = await hub.subgraphs.customers.connection.collection('customers').countDocuments();
    const badEmail = await hub.gql(UPSERT, { input: { email: 'nobody@', name: 'X' } });
    expect(badEmail.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.email' });
    const badCountry = await hub.gql(UPSERT, { input: { email: 'x@example.com', addresses: [{ line1: 'a', city: 'b', countryCode: 'Germany' }] } });
    expect(badCountry.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.addresses[0].countryCode' });
    expect(await hub.subgraphs.customers.connection.collection('customers').countDocuments()).toBe(before);
  });

  it('answers null for unknown and malformed ids', async () => {
    const result = await hub.data(`{ a: customer(id: "65a000000000000000000000") { id } b: customer(id: "nope") { id } c: customerByEmail(email: "ghost@example.com") { id } }`);
    expect(result).toEqual({ a: null, b: null, c: null });
  });

  it('pages through customers with opaque cursors, each customer once', async () => {
    for (let i = 0; i < 7; i++) await hub.data(UPSERT, { input: { email: `page${i}@example.com`, name: `Page ${i}` } });
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await hub.data(`query($after: String) { customers(first: 3, after: $after) { totalCount edges { node { email } } pageInfo { hasNextPage endCursor } } }`, { after });
      seen.push(...page.customers.edges.map((edge: any) => edge.node.email));
      if (!page.customers.pageInfo.hasNextPage) break;
      after = page.customers.pageInfo.endCursor;
    }
    const total = await hub.subgraphs.customers.connection.collection('customers').countDocuments();
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    const bad = await hub.gql(`{ customers(first: 500) { totalCount } }`);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});
