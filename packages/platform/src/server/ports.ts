// Port selection: the configured port when it is free, any free port otherwise.
import net from 'node:net';

function tryListen(port: number, host: string): Promise<number | null> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(null));
    server.listen({ port, host, exclusive: true }, () => {
      const address = server.address();
      const chosen = typeof address === 'object' && address ? address.port : null;
      server.close(() => resolve(chosen));
    });
  });
}

/** Returns `preferred` if it can be bound, else a free port chosen by the OS. */
export async function pickPort(preferred: number, host = '127.0.0.1'): Promise<number> {
  if (preferred > 0) {
    const port = await tryListen(preferred, host);
    if (port !== null) return port;
  }
  const port = await tryListen(0, host);
  if (port === null) throw new Error(`No free TCP port on ${host}`);
  return port;
}
