// A channel whose order pages the test lets through one at a time: an HTTP proxy in front of a channel
// simulator that holds every request matching `held` until `release` (or `open`). With it a sync run
// stays RUNNING between batches for as long as the test needs to look at it, without timing guesses.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HeldChannel {
  /** The proxy's base URL: give it to the connection instead of the simulator's. */
  url: string;
  /** Requests waiting now. */
  waiting(): number;
  /** Lets the next `count` held requests through (now, or as soon as they arrive). */
  release(count?: number): void;
  /** Lets everything through from now on. */
  open(): void;
  close(): Promise<void>;
}

export async function startHeldChannel(upstream: string, held: (req: IncomingMessage) => boolean): Promise<HeldChannel> {
  const target = new URL(upstream);
  const queue: Array<() => void> = [];
  let allowance = 0;
  let opened = false;

  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const proxied = request(
      { host: target.hostname, port: target.port, method: req.method, path: `${target.pathname.replace(/\/$/, '')}${req.url ?? '/'}`, headers: { ...req.headers, host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    proxied.on('error', () => res.writeHead(502).end());
    req.pipe(proxied);
  };
  const drain = () => {
    while (queue.length && (opened || allowance > 0)) {
      if (!opened) allowance -= 1;
      queue.shift()!();
    }
  };

  const server: Server = createServer((req, res) => {
    if (!held(req)) return forward(req, res);
    queue.push(() => forward(req, res));
    drain();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${target.pathname.replace(/\/$/, '')}`,
    waiting: () => queue.length,
    release: (count = 1) => {
      allowance += count;
      drain();
    },
    open: () => {
      opened = true;
      drain();
    },
    close: () => {
      opened = true;
      drain();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      return closed;
    },
  };
}
