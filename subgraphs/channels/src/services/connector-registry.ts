// The connectors this runtime can run, by kind (the manifest id). Adding a channel is one line here
// plus its package dependency.
import { amazonConnector } from '@oms/connector-amazon';
import { ebayConnector } from '@oms/connector-ebay';
import { erpWmsConnector } from '@oms/connector-erp-wms';
import type { Connector } from '@oms/connector-kit';
import { magentoConnector } from '@oms/connector-magento';
import { prestashopConnector } from '@oms/connector-prestashop';
import { shopifyConnector } from '@oms/connector-shopify';
import { badInput } from '@oms/platform';

export type AnyConnector = Connector<unknown>;

const BUILT_IN = [shopifyConnector, magentoConnector, prestashopConnector, amazonConnector, ebayConnector, erpWmsConnector] as unknown as AnyConnector[];

export class ConnectorRegistry {
  private readonly byKind: Map<string, AnyConnector>;

  constructor(connectors: AnyConnector[] = BUILT_IN) {
    this.byKind = new Map(connectors.map((connector) => [connector.manifest.id, connector]));
  }

  all(): AnyConnector[] {
    return [...this.byKind.values()];
  }

  /** The connector for a kind; BAD_USER_INPUT naming `field` when there is none. */
  require(kind: string, field = 'input.kind'): AnyConnector {
    const connector = this.byKind.get(kind);
    if (!connector) throw badInput(field, `unknown connector ${JSON.stringify(kind)}; available: ${[...this.byKind.keys()].join(', ')}`);
    return connector;
  }

  get(kind: string): AnyConnector | undefined {
    return this.byKind.get(kind);
  }
}
