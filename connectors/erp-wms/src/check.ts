// Proves a connection works: the login is accepted and the three folders can be listed (they are
// created when missing, which also proves the connection's user may write there).
import type { ConnectorContext } from '@oms/connector-kit';
import type { ErpWmsConfig } from './manifest';
import { connectionUrl } from './manifest';
import { withTransport } from './transport/open-transport';

export async function checkConnection(ctx: ConnectorContext<ErpWmsConfig>): Promise<{ ok: true; details?: Record<string, unknown> }> {
  const { folders } = ctx.config;
  const waiting = await withTransport(
    ctx.config,
    async (transport) => {
      const inbound = await transport.list(folders.inbound);
      await transport.list(folders.outbound);
      await transport.list(folders.processed);
      return inbound.length;
    },
    ctx.signal,
  );
  return { ok: true, details: { url: connectionUrl(ctx.config), inboundFiles: waiting } };
}
