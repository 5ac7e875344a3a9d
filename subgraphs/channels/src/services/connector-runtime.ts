// Builds what a connector call gets for one connection: its config with the credentials opened,
// validated by the connector's schema, and one rate-limited HTTP client per connection, shared by its
// syncs, pushes and webhooks (the channel's quota is per shop, not per task).
import { ConnectorError, createConnectorContext, kitLogger, type ConnectorContext } from '@oms/connector-kit';
import { sealedFor, SecretKeyError, type SecretBox } from '@oms/platform';
import type { ConnectionRecord } from '../models/connection.model';
import type { AnyConnector, ConnectorRegistry } from './connector-registry';

/** What the sealed blob holds: the connector's secret config fields, and the webhook secret. */
export interface ConnectionSecrets {
  fields: Record<string, unknown>;
  webhookSecret?: string;
}

/** What a connection's sealed credentials are bound to: they open for this connection only. */
export function connectionSecretsOwner(connectionId: string): string {
  return sealedFor('connection', connectionId, 'secrets');
}

export class ConnectorRuntime {
  private readonly contexts = new Map<string, { key: string; ctx: ConnectorContext<unknown> }>();

  constructor(
    readonly registry: ConnectorRegistry,
    readonly secrets: SecretBox,
  ) {}

  connector(connection: Pick<ConnectionRecord, 'kind'>): AnyConnector {
    const connector = this.registry.get(connection.kind);
    if (!connector) throw new ConnectorError('CONFIG', `no connector ${JSON.stringify(connection.kind)} is installed in this hub`);
    return connector;
  }

  openSecrets(connection: Pick<ConnectionRecord, '_id' | 'secrets'>): ConnectionSecrets {
    if (!connection.secrets) return { fields: {} };
    try {
      return JSON.parse(this.secrets.open(connection.secrets, connectionSecretsOwner(connection._id))) as ConnectionSecrets;
    } catch (error) {
      // A key that cannot open the credentials is a configuration problem: park, do not retry.
      if (error instanceof SecretKeyError) throw new ConnectorError('CONFIG', `Channel credentials unavailable: ${error.message}`);
      throw error;
    }
  }

  /** The connection's full config as the connector's schema takes it (secrets included). */
  rawConfig(connection: ConnectionRecord): Record<string, unknown> {
    const secrets = this.openSecrets(connection);
    const config: Record<string, unknown> = { ...connection.config, ...secrets.fields };
    // A webhook secret given beside the config fills the connector's own field when it has one.
    if (secrets.webhookSecret && config.webhookSecret === undefined) config.webhookSecret = secrets.webhookSecret;
    return config;
  }

  /** A connector context for this connection (cached while its config and credentials stay the same). */
  context(connection: ConnectionRecord, signal?: AbortSignal): ConnectorContext<unknown> {
    const key = JSON.stringify([connection.kind, connection.channel, connection.config, connection.secrets]);
    let cached = this.contexts.get(connection._id);
    if (!cached || cached.key !== key) {
      const connector = this.connector(connection);
      const ctx = createConnectorContext({
        connector,
        config: this.rawConfig(connection),
        channel: connection.channel,
        log: kitLogger(`channels.${connector.manifest.id}`, { connectionId: connection._id, channel: connection.channel }),
      });
      cached = { key, ctx };
      this.contexts.set(connection._id, cached);
    }
    return signal ? { ...cached.ctx, signal } : cached.ctx;
  }

  forget(connectionId: string): void {
    this.contexts.delete(connectionId);
  }
}
