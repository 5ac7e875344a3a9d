// One urql client per API key: queries and mutations over HTTP, subscriptions over graphql-ws on the
// same /graphql path (the gateway serves both), the key sent as a bearer token on each.
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';
import { createClient as createWsClient } from 'graphql-ws';

export const GRAPHQL_PATH = '/graphql';

function websocketUrl(): string {
  const url = new URL(GRAPHQL_PATH, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

export function createGraphClient(apiKey: string): { client: Client; dispose: () => void } {
  const authorization = `Bearer ${apiKey}`;
  const ws = createWsClient({ url: websocketUrl(), connectionParams: { authorization }, lazy: true, retryAttempts: 5 });
  const client = new Client({
    url: GRAPHQL_PATH,
    // POST only: Apollo's CSRF prevention refuses a GET without a preflight-forcing header.
    preferGetMethod: false,
    fetchOptions: () => ({ headers: { authorization } }),
    // The document cache refetches every query that showed a type a mutation returned.
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
    ],
  });
  return { client, dispose: () => void ws.dispose() };
}
