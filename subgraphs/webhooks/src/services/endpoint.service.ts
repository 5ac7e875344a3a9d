// Registering and changing webhook endpoints, and who may see which: back office all of them, a
// PARTNER the ones it registered, for its own channels only; customers none.
import { randomBytes } from 'node:crypto';
import { actorName, badInput, forbidden, fromZodError, isInternal, notFound, OmsError, sealedFor, type Identity, type SecretBox } from '@oms/platform';
import type { WebhookEndpointModel, WebhookEndpointRecord, WebhookOwnerRecord } from '../models/webhook-endpoint.model';
import type { WebhookSettings } from '../settings';
import { entityOfLog, logsOf } from './event-catalog';
import { assertDeliverableUrl } from './outbound-policy';
import { registerEndpointSchema, updateEndpointSchema, type RegisterEndpointInput, type UpdateEndpointInput } from './endpoint.validation';
import { assertSelectionSyntax, type GatewayGraph } from './selection';

const SECRET_PREFIX = 'whsec_';

export interface RegisteredEndpoint {
  endpoint: WebhookEndpointRecord;
  secret: string;
}

export function ownerIdentity(owner: WebhookOwnerRecord): Identity {
  return { subject: owner.subject, role: owner.role, channels: owner.channels, customerId: owner.customerId ?? undefined, keyId: owner.keyId ?? undefined };
}

function assertMayManage(identity: Identity): void {
  if (isInternal(identity) || identity.role === 'PARTNER') return;
  throw forbidden(`${identity.role} may not manage webhooks`);
}

/** What an endpoint's sealed signing secret is bound to: it opens for this endpoint only. */
export function endpointSecretOwner(endpointId: string): string {
  return sealedFor('webhook-endpoint', endpointId, 'secret');
}

export class EndpointService {
  constructor(
    private readonly endpoints: WebhookEndpointModel,
    private readonly box: SecretBox,
    private readonly graph: GatewayGraph,
    private readonly settings: WebhookSettings,
  ) {}

  /** What `identity` may see: everything for the back office, its own endpoints for a partner. */
  scope(identity: Identity): Record<string, unknown> {
    assertMayManage(identity);
    return isInternal(identity) ? {} : { ownerSubject: identity.subject };
  }

  list(identity: Identity, includeInactive: boolean): Promise<WebhookEndpointRecord[]> {
    const filter = { ...this.scope(identity), ...(includeInactive ? {} : { active: true }) };
    return this.endpoints.find(filter).sort({ createdAt: -1 }).lean<WebhookEndpointRecord[]>().exec();
  }

  /** Ids of the endpoints `identity` may see (null: all of them). */
  async visibleIds(identity: Identity): Promise<string[] | null> {
    const scope = this.scope(identity);
    if (Object.keys(scope).length === 0) return null;
    const docs = await this.endpoints.find(scope, { _id: 1 }).lean<Array<{ _id: string }>>();
    return docs.map((doc) => doc._id);
  }

  isVisible(identity: Identity, endpoint: WebhookEndpointRecord): boolean {
    assertMayManage(identity);
    return isInternal(identity) || endpoint.ownerSubject === identity.subject;
  }

  /** The endpoint if `identity` may manage it; NOT_FOUND otherwise (a partner does not learn others' ids). */
  async owned(identity: Identity, id: string, field = 'id'): Promise<WebhookEndpointRecord> {
    const endpoint = await this.endpoints.findById(id).lean<WebhookEndpointRecord>();
    if (!endpoint || !this.isVisible(identity, endpoint)) throw notFound('WebhookEndpoint', id, field);
    return endpoint;
  }

  /** Stops the endpoints of revoked API keys (the dispatcher found them); returns how many were active. */
  async deactivateRevoked(ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.endpoints.updateMany({ _id: { $in: ids }, active: true }, { $set: { active: false, updatedAt: new Date() } }).exec();
    return result.modifiedCount;
  }

  /** Active endpoints, for the dispatcher. */
  active(): Promise<WebhookEndpointRecord[]> {
    return this.endpoints.find({ active: true }).lean<WebhookEndpointRecord[]>().exec();
  }

  async register(identity: Identity, raw: RegisterEndpointInput): Promise<RegisteredEndpoint> {
    assertMayManage(identity);
    const parsed = registerEndpointSchema.safeParse(raw);
    if (!parsed.success) throw fromZodError(parsed.error, 'input');
    const input = parsed.data;
    const owner: WebhookOwnerRecord = { subject: identity.subject, role: identity.role, channels: identity.channels, customerId: identity.customerId ?? null, keyId: identity.keyId ?? null };
    const channels = this.channelsFor(owner, input.channels ?? null);
    await assertDeliverableUrl(owner, this.settings, input.url, 'input.url');
    const eventTypes = [...new Set(input.eventTypes)];
    const selection = input.selection || null;
    if (selection) await this.assertSelection(owner, eventTypes, selection);
    await this.assertRoomFor(identity, owner.subject);
    const secret = newSecret();
    const now = new Date();
    const id = `whe_${randomBytes(10).toString('hex')}`;
    const endpoint = await this.endpoints.create({
      _id: id,
      url: input.url,
      eventTypes,
      selection,
      channels,
      active: true,
      secretCiphertext: this.box.seal(secret, endpointSecretOwner(id)),
      secretPrefix: secret.slice(0, SECRET_PREFIX.length + 6),
      owner,
      ownerSubject: owner.subject,
      ownerName: actorName(ownerIdentity(owner)),
      createdAt: now,
      updatedAt: now,
    });
    return { endpoint: endpoint.toObject(), secret };
  }

  async update(identity: Identity, id: string, raw: UpdateEndpointInput): Promise<WebhookEndpointRecord> {
    const parsed = updateEndpointSchema.safeParse(raw);
    if (!parsed.success) throw fromZodError(parsed.error, 'input');
    const input = parsed.data;
    const current = await this.owned(identity, id);
    const set: Partial<WebhookEndpointRecord> = { updatedAt: new Date() };
    if (input.url != null) {
      await assertDeliverableUrl(current.owner, this.settings, input.url, 'input.url');
      set.url = input.url;
    }
    if (input.channels != null) set.channels = this.channelsFor(current.owner, input.channels);
    if (input.eventTypes != null) set.eventTypes = [...new Set(input.eventTypes)];
    if (input.selection != null) set.selection = input.selection || null;
    if (input.active != null) set.active = input.active;
    if (input.active === true && !current.active) await this.assertRoomFor(identity, current.ownerSubject);
    const selection = set.selection !== undefined ? set.selection : current.selection;
    if (selection && (set.selection !== undefined || set.eventTypes)) await this.assertSelection(current.owner, set.eventTypes ?? current.eventTypes, selection);
    const updated = await this.endpoints.findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' }).lean<WebhookEndpointRecord>();
    if (!updated) throw notFound('WebhookEndpoint', id, 'id');
    return updated;
  }

  deactivate(identity: Identity, id: string): Promise<WebhookEndpointRecord> {
    return this.update(identity, id, { active: false });
  }

  async rotateSecret(identity: Identity, id: string): Promise<RegisteredEndpoint> {
    await this.owned(identity, id);
    const secret = newSecret();
    const endpoint = await this.endpoints
      .findOneAndUpdate({ _id: id }, { $set: { secretCiphertext: this.box.seal(secret, endpointSecretOwner(id)), secretPrefix: secret.slice(0, SECRET_PREFIX.length + 6), updatedAt: new Date() } }, { returnDocument: 'after' })
      .lean<WebhookEndpointRecord>();
    if (!endpoint) throw notFound('WebhookEndpoint', id, 'id');
    return { endpoint, secret };
  }

  secretOf(endpoint: WebhookEndpointRecord): string {
    return this.box.open(endpoint.secretCiphertext, endpointSecretOwner(endpoint._id));
  }

  /** A partner's endpoint covers some of its own channels (default all); the back office's any (default every channel). */
  /**
   * Every active endpoint costs deliveries and a share of the follower: a partner keeps at most
   * `maxEndpointsPerOwner` active (deactivated ones do not count). The back office is not limited.
   */
  private async assertRoomFor(identity: Identity, ownerSubject: string): Promise<void> {
    if (isInternal(identity)) return;
    const limit = this.settings.maxEndpointsPerOwner;
    const active = await this.endpoints.countDocuments({ ownerSubject, active: true }).exec();
    if (active >= limit) {
      throw new OmsError('FORBIDDEN', `input: a partner may have at most ${limit} active webhook endpoints (OMS_WEBHOOK_MAX_ENDPOINTS_PER_OWNER); deactivate one first`, { field: 'input', limit });
    }
  }

  private channelsFor(owner: WebhookOwnerRecord, requested: string[] | null): string[] {
    const channels = requested ? [...new Set(requested)] : null;
    if (owner.role !== 'PARTNER') return channels ?? [];
    if (!channels) return [...owner.channels];
    if (channels.length === 0) throw badInput('input.channels', 'a PARTNER endpoint needs at least one of its channels');
    const index = channels.findIndex((channel) => !owner.channels.includes(channel));
    if (index >= 0) {
      const field = `input.channels[${index}]`;
      throw new OmsError('FORBIDDEN', `${field}: channel ${JSON.stringify(channels[index])} is not one of this partner's channels (${owner.channels.join(', ')})`, { field });
    }
    return channels;
  }

  /** Syntax here; fields against the supergraph, for each entity the event types deliver. */
  private async assertSelection(owner: WebhookOwnerRecord, eventTypes: string[], selection: string): Promise<void> {
    const entities = new Set([...logsOf(eventTypes)].map(entityOfLog));
    for (const entity of entities) assertSelectionSyntax(entity, selection, 'input.selection');
    for (const entity of entities) await this.graph.assertSelectionFields(entity, selection, ownerIdentity(owner), 'input.selection');
  }
}

function newSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
}
