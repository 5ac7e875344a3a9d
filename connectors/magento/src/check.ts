// `check`: proves a connection works before it is saved: the token is accepted, the store view exists
// and the MSI source that receives stock exists. Each failure names the config field to fix.
import { ConnectorError, isConnectorError, type ConnectorContext } from '@oms/connector-kit';
import { MagentoClient } from './client';
import type { MagentoConfig } from './manifest';

export async function checkMagento(ctx: ConnectorContext<MagentoConfig>): Promise<{ ok: true; details?: Record<string, unknown> }> {
  const client = new MagentoClient(ctx);
  const stores = await client.storeConfigs();
  const store = stores.find((candidate) => candidate.code === ctx.config.storeCode);
  if (!store && ctx.config.storeCode !== 'all') {
    throw new ConnectorError('CONFIG', `Magento has no store view "${ctx.config.storeCode}": set storeCode to one of ${stores.map((s) => s.code).join(', ') || '(none)'}`);
  }
  try {
    await client.getSource(ctx.config.sourceCode);
  } catch (error) {
    if (isConnectorError(error) && error.details.status === 404) {
      throw new ConnectorError('CONFIG', `Magento has no inventory source "${ctx.config.sourceCode}" (or MSI is disabled): check sourceCode`, error.details);
    }
    throw error;
  }
  return { ok: true, details: { storeCode: ctx.config.storeCode, sourceCode: ctx.config.sourceCode, baseCurrency: store?.base_currency_code, timezone: store?.timezone } };
}
