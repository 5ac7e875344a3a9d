// Builds what a connector call gets (ConnectorContext) for one connection: its config validated by the
// manifest's schema, and an HTTP client with the connector's auth, classification and rate limit.
import type { Connector, ConnectorContext } from './connector';
import { ConnectorError } from './errors';
import { createChannelHttpClient } from './http-client';
import { kitLogger, type KitLogger } from './logger';

export interface ConnectorContextOptions<TConfig> {
  connector: Connector<TConfig>;
  /** Raw config as stored; validated (and defaulted) by the manifest's configSchema. */
  config: TConfig;
  /** The hub channel name for orders from this connection. */
  channel: string;
  log?: KitLogger;
  signal?: AbortSignal;
}

/** Validates a connection's config; a ConnectorError CONFIG names the first bad field. */
export function parseConnectorConfig<TConfig>(connector: Connector<TConfig>, config: unknown): TConfig {
  const result = connector.manifest.configSchema.safeParse(config);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.join('.') || 'config';
  throw new ConnectorError('CONFIG', `${connector.manifest.displayName} connection config is invalid: ${field}: ${issue.message}`);
}

export function createConnectorContext<TConfig>(options: ConnectorContextOptions<TConfig>): ConnectorContext<TConfig> {
  const { connector, channel } = options;
  const config = parseConnectorConfig(connector, options.config);
  const log = options.log ?? kitLogger(`connector.${connector.manifest.id}`, { channel });
  const http = connector.httpOptions?.(config) ?? { baseUrl: String((config as { baseUrl?: unknown }).baseUrl ?? '') };
  if (!http.baseUrl) throw new ConnectorError('CONFIG', `${connector.manifest.displayName} connection config is invalid: baseUrl: is required`);
  return {
    config,
    channel,
    log,
    signal: options.signal,
    http: createChannelHttpClient({ channelName: connector.manifest.displayName, ...http, rateLimit: http.rateLimit ?? connector.manifest.rateLimit, log }),
  };
}
