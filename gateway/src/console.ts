// The ops console (apps/console, built by Vite into apps/console/dist) served at /console on the
// gateway's port. Every path under /console that is not a file answers index.html, so the console's
// own routes (/console/orders/…) survive a reload. Without a build, /console says how to make one.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';
import { projectRoot, type Route } from '@oms/platform';
import { gatewayConfig } from './config';

export const CONSOLE_PATH = '/console';

export function consoleDist(): string {
  return gatewayConfig.read().OMS_CONSOLE_DIST ?? path.join(projectRoot, 'apps', 'console', 'dist');
}

export function consoleBuilt(dist = consoleDist()): boolean {
  return existsSync(path.join(dist, 'index.html'));
}

export function consoleRoutes(dist = consoleDist()): Record<string, Route> {
  let serve: ReturnType<typeof sirv> | undefined;
  const route: Route = (req: IncomingMessage, res: ServerResponse) => {
    if (!consoleBuilt(dist)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The console is not built: run `npm run console:build`.\n');
      return;
    }
    // Built lazily: a gateway started before the build serves it once it exists.
    serve ??= sirv(dist, {
      single: true,
      etag: true,
      dev: false,
      // Vite names assets by content hash: cache them for good; index.html is checked every time.
      setHeaders: (res, pathname) => res.setHeader('cache-control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
    const url = req.url ?? '/';
    const rest = url.slice(CONSOLE_PATH.length) || '/';
    req.url = rest.startsWith('/') ? rest : `/${rest}`;
    return new Promise<void>((resolve) => {
      res.once('finish', resolve);
      res.once('close', resolve);
      serve!(req, res, () => {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Not found\n');
      });
    });
  };
  return { [CONSOLE_PATH]: route, [`${CONSOLE_PATH}/*`]: route };
}
