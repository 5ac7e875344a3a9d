// The connectors this runtime can run, by kind (the manifest id): the connector plug-ins installed
// beside it (connector-discovery.ts). Adding a channel is adding its package; nothing here changes.
import type { Connector } from '@oms/connector-kit';
import { badInput } from '@oms/platform';
import { discoverConnectors } from './connector-discovery';

export type AnyConnector = Connector<unknown>;

/** Discovered once per process: the installed packages do not change while it runs. */
let installed: AnyConnector[] | null = null;

export function installedConnectors(): AnyConnector[] {
  installed ??= discoverConnectors().map((found) => found.connector);
  return installed;
}

export class ConnectorRegistry {
  private readonly byKind: Map<string, AnyConnector>;

  constructor(connectors: AnyConnector[] = installedConnectors()) {
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
