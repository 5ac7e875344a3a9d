// Proving a connection works before it syncs: the key is accepted, it has every permission the
// connector uses, and the configured order states exist on the shop.
import { ConnectorError } from '@oms/connector-kit';
import { anyOf, basicAuthorization, CHANNEL_NAME, CREDENTIAL, listResource, parseApiRoot, type PsContext } from './client';

/** Resource → methods the connector calls on it. */
const NEEDED: Record<string, string[]> = {
  orders: ['GET'],
  customers: ['GET'],
  addresses: ['GET'],
  countries: ['GET'],
  states: ['GET'],
  currencies: ['GET'],
  products: ['GET'],
  combinations: ['GET'],
  stock_availables: ['GET', 'PUT'],
  carriers: ['GET'],
  order_carriers: ['GET', 'PUT', 'POST'],
  order_histories: ['POST'],
  order_states: ['GET'],
};

export async function checkConnection(ctx: PsContext): Promise<{ ok: true; details?: Record<string, unknown> }> {
  // The root in XML: only that output carries the key's permissions (get="true" put="false" …).
  const response = await ctx.http.request<string>({ method: 'GET', path: 'api/', headers: { authorization: basicAuthorization(ctx.config.apiKey), accept: 'text/xml' }, signal: ctx.signal });
  let root: ReturnType<typeof parseApiRoot>;
  try {
    root = parseApiRoot(String(response.body));
  } catch (error) {
    throw new ConnectorError('CONFIG', `${CHANNEL_NAME} Webservice root not found at ${ctx.config.baseUrl}/api/ (${(error as Error).message}): check the connection's baseUrl`);
  }
  const missing = Object.entries(NEEDED).flatMap(([resource, methods]) => methods.filter((method) => !root.permissions[resource]?.has(method)).map((method) => `${method} ${resource}`));
  if (missing.length) {
    throw new ConnectorError('AUTH', `${CHANNEL_NAME} ${CREDENTIAL.label} (${CREDENTIAL.field}) lacks permissions: ${missing.join(', ')}. Grant them in Advanced Parameters > Webservice`);
  }

  const { shipped, cancelled } = ctx.config.orderStates;
  const states = await listResource(ctx, 'order_states', { display: ['id', 'name'], filter: { id: anyOf([shipped, cancelled]) } });
  for (const [field, id] of [['orderStates.shipped', shipped], ['orderStates.cancelled', cancelled]] as const) {
    if (!states.some((state) => Number(state.id) === id)) {
      throw new ConnectorError('CONFIG', `${field}: ${CHANNEL_NAME} has no order state ${id} (see /api/order_states for this shop's ids)`);
    }
  }
  const name = (id: number) => states.find((state) => Number(state.id) === id)?.name;
  return {
    ok: true,
    details: { shopName: root.shopName, webserviceVersion: response.headers.get('psws-version') ?? undefined, orderStates: { shipped: name(shipped), cancelled: name(cancelled) } },
  };
}
