// An offline GraphQL IDE: GraphiQL and React served from node_modules, nothing from a CDN.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Route } from '@oms/platform';

const assets: Record<string, { module: string; file: string; type: string }> = {
  '/ide/react.js': { module: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  '/ide/react-dom.js': { module: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript' },
  '/ide/graphiql.js': { module: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  '/ide/graphiql.css': { module: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
};

const DEFAULT_QUERY = `# OMS Hub: one graph over orders, inventory, fulfillment and customers.
query LatestOrders {
  orders(first: 5) {
    edges {
      node {
        number
        channel
        status
        customer { email name }
        lines { sku quantity unitPrice { amount currency } item { name available } }
        totals { total { amount currency } }
        shipments { status location { name } }
      }
    }
  }
}
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>OMS Hub GraphQL IDE</title>
  <link rel="stylesheet" href="/ide/graphiql.css" />
  <style>html, body, #ide { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="ide">Loading the IDE…</div>
  <script src="/ide/react.js"></script>
  <script src="/ide/react-dom.js"></script>
  <script src="/ide/graphiql.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: window.location.origin + '/graphql' });
    ReactDOM.createRoot(document.getElementById('ide')).render(
      React.createElement(GraphiQL, { fetcher, defaultQuery: ${JSON.stringify(DEFAULT_QUERY)}, defaultHeaders: ${JSON.stringify(JSON.stringify({ authorization: 'Bearer ' }, null, 2))}, defaultEditorToolsVisibility: true })
    );
  </script>
</body>
</html>`;

function wantsHtml(req: IncomingMessage): boolean {
  return req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
}

export function idePage(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(PAGE);
}

export function ideRoutes(): Record<string, Route> {
  const routes: Record<string, Route> = { '/': (_req, res) => idePage(res), '/ide': (_req, res) => idePage(res) };
  for (const [route, asset] of Object.entries(assets)) {
    let body: Buffer | undefined;
    routes[route] = (_req, res) => {
      // Resolve through package.json: graphiql's export map hides its prebuilt files.
      body ??= readFileSync(path.join(path.dirname(require.resolve(`${asset.module}/package.json`)), asset.file));
      res.writeHead(200, { 'content-type': `${asset.type}; charset=utf-8`, 'cache-control': 'public, max-age=86400' });
      res.end(body);
    };
  }
  return routes;
}

export { wantsHtml };
