// Per-channel order handling (allocation strategy, partial shipment, capture on shipment).
import { badInput, fromZodError } from '@oms/platform';
import { z } from 'zod';
import { CHANNEL_DEFAULTS, type ChannelSettingsModel, type ChannelSettingsRecord } from '../models/channel-settings.model';
import type { OrderPeers } from './peers';

export interface ChannelSettings {
  channel: string;
  allocationStrategy: string;
  allowPartialShipment: boolean;
  captureOnShipment: boolean;
}

const channelSettingsInputSchema = z.object({
  channel: z.string().trim().toLowerCase().min(1, 'is required').max(50),
  allocationStrategy: z.string().trim().min(1, 'must not be empty').max(100).nullish(),
  allowPartialShipment: z.boolean().nullish(),
  captureOnShipment: z.boolean().nullish(),
});

/** Settings change rarely and every allocation reads them: cached briefly (upserts here clear it). */
const CACHE_MS = 5_000;

export class ChannelSettingsService {
  private readonly cache = new Map<string, { settings: ChannelSettings; until: number }>();

  constructor(
    private readonly settings: ChannelSettingsModel,
    private readonly peers: OrderPeers,
  ) {}

  async list(): Promise<ChannelSettings[]> {
    const docs = await this.settings.find().sort({ _id: 1 }).lean<ChannelSettingsRecord[]>();
    return docs.map(toSettings);
  }

  /** Settings of many channels in one query; defaults for channels without a document. */
  async forChannels(channels: string[]): Promise<Map<string, ChannelSettings>> {
    const now = Date.now();
    const unique = [...new Set(channels)];
    const result = new Map<string, ChannelSettings>();
    const missing = unique.filter((channel) => {
      const cached = this.cache.get(channel);
      if (cached && cached.until > now) result.set(channel, cached.settings);
      return !result.has(channel);
    });
    if (missing.length) {
      const docs = await this.settings.find({ _id: { $in: missing } }).lean<ChannelSettingsRecord[]>();
      const found = new Map(docs.map((doc) => [doc._id, toSettings(doc)]));
      for (const channel of missing) {
        const settings = found.get(channel) ?? { channel, ...CHANNEL_DEFAULTS };
        this.cache.set(channel, { settings, until: now + CACHE_MS });
        result.set(channel, settings);
      }
    }
    return new Map(unique.map((channel) => [channel, result.get(channel)!]));
  }

  async forChannel(channel: string): Promise<ChannelSettings> {
    return (await this.forChannels([channel])).get(channel)!;
  }

  async upsert(rawInput: unknown, actor: string): Promise<ChannelSettings> {
    const parsed = channelSettingsInputSchema.safeParse(rawInput);
    if (!parsed.success) throw fromZodError(parsed.error, 'input');
    const input = parsed.data;
    if (input.allocationStrategy) {
      // Inventory owns the strategies; a name it does not know would fail every allocation later.
      const known = await this.peers.allocationStrategies(actor);
      if (!known.includes(input.allocationStrategy)) throw badInput('input.allocationStrategy', `unknown strategy; one of ${known.join(', ')}`);
    }
    // Fields left out keep their value, or start at the default: one atomic upsert either way.
    const set: Record<string, unknown> = {};
    const setOnInsert: Record<string, unknown> = {};
    for (const field of ['allocationStrategy', 'allowPartialShipment', 'captureOnShipment'] as const) {
      const value = input[field];
      if (value !== null && value !== undefined) set[field] = value;
      else setOnInsert[field] = CHANNEL_DEFAULTS[field];
    }
    const update: Record<string, unknown> = {};
    if (Object.keys(set).length) update.$set = set;
    if (Object.keys(setOnInsert).length) update.$setOnInsert = setOnInsert;
    const doc = await this.settings.findOneAndUpdate({ _id: input.channel }, update, { upsert: true, returnDocument: 'after' }).lean<ChannelSettingsRecord>();
    this.cache.delete(input.channel);
    return toSettings(doc!);
  }
}

function toSettings(doc: ChannelSettingsRecord): ChannelSettings {
  return { channel: doc._id, allocationStrategy: doc.allocationStrategy, allowPartialShipment: doc.allowPartialShipment, captureOnShipment: doc.captureOnShipment };
}
