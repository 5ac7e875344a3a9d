// Adding, changing, pausing and resuming channel connections. A config is validated by the
// connector's schema and tried against the channel (`check`) before anything is stored; credential
// fields are sealed (SecretBox of @oms/platform) and never leave this service.
import { randomBytes } from 'node:crypto';
import { createConnectorContext, isConnectorError, type Connector } from '@oms/connector-kit';
import { badInput, conflict, fromZodError, notFound, OmsError, unavailable } from '@oms/platform';
import { EMPTY_COUNTS, type ConnectionRecord } from '../models/connection.model';
import { assertPublicAddresses } from './connection-address';
import type { ConnectionStore } from './connection-store';
import { addConnectionInput, DEFAULT_SYNC_INTERVAL_SECONDS, updateConnectionInput, type AddConnectionInput, type UpdateConnectionInput } from './connection.validation';
import type { AnyConnector } from './connector-registry';
import { connectionSecretsOwner, type ConnectionSecrets, type ConnectorRuntime } from './connector-runtime';

const CHECK_TIMEOUT_MS = 30_000;

/** What the rest of the runtime does when a connection changes. */
export interface ConnectionHooks {
  /** Sync as soon as possible (added, resumed). */
  syncSoon(connectionId: string): Promise<void>;
  /** Stop the running sync (paused). */
  abort(connectionId: string): void;
  /** Webhook deliveries held while it was stopped are due now (resumed). */
  resumed(connectionId: string): Promise<void>;
  /** Publish the current stock of SKUs that entered the listing. */
  listed(connectionId: string, skus: string[]): Promise<void>;
}

interface SealedConfig {
  config: Record<string, unknown>;
  secrets: ConnectionRecord['secrets'];
  secretFields: string[];
  webhookSecretSet: boolean;
}

export class ConnectionService {
  constructor(
    private readonly store: ConnectionStore,
    private readonly runtime: ConnectorRuntime,
    private readonly hooks: ConnectionHooks,
  ) {}

  /** `privateAddresses`: the caller may point the connection at non-public addresses (ADMIN). */
  async add(raw: AddConnectionInput, actor: string, privateAddresses = true): Promise<ConnectionRecord> {
    const parsed = addConnectionInput.safeParse(raw);
    if (!parsed.success) throw fromZodError(parsed.error, 'input');
    const input = parsed.data;
    const connector = this.runtime.registry.require(input.kind);
    const config = this.validateConfig(connector, { ...input.config }, input.webhookSecret ?? undefined);
    if (!privateAddresses) await assertPublicAddresses(config, Object.keys(config));
    await this.ensureUnique(input.name, input.channel);
    await this.check(connector, config, input.channel);
    const id = `conn_${randomBytes(8).toString('hex')}`;
    const sealed = this.seal(id, connector, config, input.webhookSecret ?? undefined);
    const now = new Date();
    const record: ConnectionRecord = {
      _id: id,
      name: input.name,
      kind: connector.manifest.id,
      channel: input.channel,
      status: 'ACTIVE',
      statusReason: null,
      ...sealed,
      stockBuffer: input.stockBuffer ?? numberOr(config.stockBuffer, 0),
      syncIntervalSeconds: input.syncIntervalSeconds ?? DEFAULT_SYNC_INTERVAL_SECONDS,
      skus: [...new Set(input.skus ?? [])],
      seenSkus: [],
      locationMap: input.locationMap ?? null,
      checkpoint: null,
      replay: null,
      lease: null,
      nextSyncAt: now,
      syncFailures: 0,
      outbound: { failures: 0, retryAt: null, lastError: null },
      health: { ok: true, lastCheckAt: now, message: null },
      lastSyncAt: null,
      lastSuccessAt: null,
      counts: { ...EMPTY_COUNTS },
      createdBy: actor,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.store.model.create(record);
    } catch (error) {
      if ((error as { code?: number }).code === 11000) {
        await this.ensureUnique(input.name, input.channel);
        throw conflict('A channel connection with this name or channel already exists', { field: 'input.channel' });
      }
      throw error;
    }
    await this.hooks.syncSoon(record._id);
    if (record.skus.length) await this.hooks.listed(record._id, record.skus);
    return record;
  }

  async update(id: string, raw: UpdateConnectionInput, privateAddresses = true): Promise<ConnectionRecord> {
    const parsed = updateConnectionInput.safeParse(raw);
    if (!parsed.success) throw fromZodError(parsed.error, 'input');
    const input = parsed.data;
    const existing = await this.require(id);
    const set: Record<string, unknown> = {};
    if (input.name && input.name !== existing.name) {
      if (await this.store.model.exists({ name: input.name, _id: { $ne: id } })) throw conflict(`A channel connection named ${JSON.stringify(input.name)} already exists`, { field: 'input.name' });
      set.name = input.name;
    }
    if (input.config || input.webhookSecret) {
      const connector = this.runtime.connector(existing);
      // Credentials sealed under another key cannot be kept; the new config must then carry them.
      const stored = this.openOrForget(existing);
      // Fields left out keep their value, credentials included: a rotation sends just the new token.
      // Stored credentials never follow the connection to another address, though.
      assertCredentialsForNewAddress(connector.manifest.secretFields, Object.keys(stored.fields), existing.config, input.config ?? {});
      const merged = { ...existing.config, ...stored.fields, ...(input.config ?? {}) };
      const webhookSecret = input.webhookSecret ?? stored.webhookSecret;
      const config = this.validateConfig(connector, merged, webhookSecret);
      // Only addresses this change sets: one an ADMIN set before stays usable.
      if (!privateAddresses) await assertPublicAddresses(config, Object.keys(input.config ?? {}));
      await this.check(connector, config, existing.channel);
      Object.assign(set, this.seal(id, connector, config, webhookSecret), { health: { ok: true, lastCheckAt: new Date(), message: null } });
      if (input.stockBuffer == null && typeof config.stockBuffer === 'number') set.stockBuffer = config.stockBuffer;
    }
    if (input.stockBuffer != null) set.stockBuffer = input.stockBuffer;
    if (input.syncIntervalSeconds != null) set.syncIntervalSeconds = input.syncIntervalSeconds;
    if (input.locationMap !== undefined) set.locationMap = input.locationMap ?? null;
    const addedSkus = input.skus ? [...new Set(input.skus)].filter((sku) => !existing.skus.includes(sku)) : [];
    if (input.skus) set.skus = [...new Set(input.skus)];
    const updated = await this.store.update(id, { $set: set });
    if (!updated) throw notFound('ChannelConnection', id, 'id');
    this.runtime.forget(id);
    // A new buffer or location map changes what every listed SKU should show.
    const republish = input.stockBuffer != null || input.locationMap !== undefined ? [...updated.skus, ...updated.seenSkus] : addedSkus;
    if (republish.length) await this.hooks.listed(id, republish);
    return updated;
  }

  async pause(id: string, reason: string | null | undefined, actor: string): Promise<ConnectionRecord> {
    await this.require(id);
    const updated = await this.store.update(id, { $set: { status: 'PAUSED', statusReason: reason?.trim() || `paused by ${actor}` } });
    this.hooks.abort(id);
    return updated!;
  }

  /** Resumes a paused or parked connection; a parked one must pass `check` first. */
  async resume(id: string): Promise<ConnectionRecord> {
    const existing = await this.require(id);
    if (existing.status === 'ACTIVE') return existing;
    const connector = this.runtime.connector(existing);
    if (existing.status === 'PARKED') {
      let config: Record<string, unknown>;
      try {
        config = this.runtime.rawConfig(existing);
      } catch (error) {
        throw conflict(`Cannot resume ${existing.name}: ${(error as Error).message}`, { field: 'id' });
      }
      await this.check(connector, config, existing.channel, (message) => conflict(`Cannot resume ${existing.name}: ${message}; update the connection's config (updateChannelConnection) and resume again`, { field: 'id' }));
    }
    const now = new Date();
    const updated = await this.store.update(id, {
      $set: { status: 'ACTIVE', statusReason: null, syncFailures: 0, nextSyncAt: now, outbound: { failures: 0, retryAt: null, lastError: null }, health: { ok: true, lastCheckAt: now, message: null } },
    });
    this.runtime.forget(id);
    await this.hooks.resumed(id);
    await this.hooks.syncSoon(id);
    return updated!;
  }

  private openOrForget(connection: ConnectionRecord): ConnectionSecrets {
    try {
      return this.runtime.openSecrets(connection);
    } catch {
      return { fields: {} };
    }
  }

  async require(id: string): Promise<ConnectionRecord> {
    const connection = await this.store.get(id);
    if (!connection) throw notFound('ChannelConnection', id, 'id');
    return connection;
  }

  /** The connector's schema over the config (defaults applied); BAD_USER_INPUT naming `input.config.<field>`. */
  private validateConfig(connector: AnyConnector, config: Record<string, unknown>, webhookSecret: string | undefined): Record<string, unknown> {
    const candidate = webhookSecret && config.webhookSecret === undefined && hasField(connector, 'webhookSecret') ? { ...config, webhookSecret } : config;
    const result = connector.manifest.configSchema.safeParse(candidate);
    if (!result.success) throw fromZodError(result.error, 'input.config');
    return result.data as Record<string, unknown>;
  }

  /** Runs the connector's check; a refusal is BAD_USER_INPUT (or `refuse`), an unreachable channel UNAVAILABLE. */
  private async check(connector: AnyConnector, config: Record<string, unknown>, channel: string, refuse?: (message: string) => OmsError): Promise<void> {
    const name = connector.manifest.displayName;
    try {
      const ctx = createConnectorContext({ connector: connector as Connector<unknown>, config, channel, signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
      await connector.check(ctx);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (isConnectorError(error) && error.parksConnection) {
        throw refuse ? refuse(`${name} refused the connection: ${message}`) : new OmsError('BAD_USER_INPUT', `input.config: ${name} refused the connection: ${message}`, { field: 'input.config', connectorError: error.kind });
      }
      throw unavailable(name, `the connection could not be checked (${message}); nothing was stored`);
    }
  }

  private seal(id: string, connector: AnyConnector, config: Record<string, unknown>, webhookSecret: string | undefined): SealedConfig {
    const secretNames = new Set<string>(connector.manifest.secretFields);
    const plain: Record<string, unknown> = {};
    const secrets: ConnectionSecrets = { fields: {} };
    for (const [key, value] of Object.entries(config)) {
      if (secretNames.has(key)) {
        if (value !== undefined && value !== null) secrets.fields[key] = value;
      } else plain[key] = value;
    }
    if (webhookSecret && secrets.fields.webhookSecret === undefined) secrets.webhookSecret = webhookSecret;
    const secretFields = Object.keys(secrets.fields);
    return {
      config: plain,
      secrets: secretFields.length || secrets.webhookSecret ? this.runtime.secrets.seal(JSON.stringify(secrets), connectionSecretsOwner(id)) : null,
      secretFields,
      webhookSecretSet: Boolean(secrets.fields.webhookSecret ?? secrets.webhookSecret),
    };
  }

  private async ensureUnique(name: string, channel: string): Promise<void> {
    const byChannel = await this.store.model.findOne({ channel }, { _id: 1, name: 1 }).lean<Pick<ConnectionRecord, '_id' | 'name'>>();
    if (byChannel) throw conflict(`Channel ${JSON.stringify(channel)} is already connected (connection ${byChannel.name}, ${byChannel._id}): one connection per channel`, { field: 'input.channel' });
    if (await this.store.model.exists({ name })) throw conflict(`A channel connection named ${JSON.stringify(name)} already exists`, { field: 'input.name' });
  }
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** Whether the connector's config schema has a field (zod objects expose their shape). */
function hasField(connector: AnyConnector, field: string): boolean {
  const shape = (connector.manifest.configSchema as unknown as { shape?: Record<string, unknown> }).shape;
  return !!shape && field in shape;
}


/** Config fields that say where the connection points: its credentials are sent there. */
const ADDRESS_FIELD = /url|endpoint|host|domain/i;

/**
 * A change of where the connection points (a base URL, token endpoint, host or shop domain) must carry
 * every credential again: kept ones would otherwise be sent to the new address by the next check.
 */
function assertCredentialsForNewAddress(secretFields: readonly string[], storedSecrets: readonly string[], stored: Record<string, unknown>, given: Record<string, unknown>): void {
  const moved = Object.keys(given).find((field) => ADDRESS_FIELD.test(field) && !secretFields.includes(field) && given[field] !== stored[field]);
  if (!moved) return;
  // The credentials the connection holds now (an inbound webhook secret is never sent anywhere).
  const missing = storedSecrets.find((field) => given[field] === undefined && field !== 'webhookSecret');
  if (missing) throw badInput(`input.config.${missing}`, `give it again: the connection now points elsewhere (${moved} changed), and stored credentials are never sent to a new address`);
}
