// Values sealed before they were bound to their record (`v1.` strings, channels' legacy objects) are
// opened one last time when the service starts and sealed again, bound (see secret-box.ts). After that
// they open only for their own record and field. The collections holding secrets are small (one
// document per connection or endpoint), so reading them whole once per start is cheap.
import type { Model } from 'mongoose';
import { createLogger } from '../logger';
import { isUnboundSealedSecret, SecretKeyError, type SealedSecret, type SecretBox } from './secret-box';

const log = createLogger('secret-box');

export interface ResealResult {
  resealed: number;
  /** Sealed with another key: left as they are (opening them reports what to do). */
  unreadable: number;
}

/**
 * Seals every unbound value of `field` in `model` again for `ownerOf(id)`. The write is conditional on
 * the old value, so a record changed meanwhile (or re-sealed by another process) is left alone.
 */
export async function resealUnboundSecrets(model: Model<any>, field: string, ownerOf: (id: string) => string, box: SecretBox): Promise<ResealResult> {
  const result: ResealResult = { resealed: 0, unreadable: 0 };
  const records = await model.find({}, { _id: 1, [field]: 1 }).lean<Array<{ _id: string } & Record<string, SealedSecret | null | undefined>>>();
  for (const record of records) {
    const sealed = record[field];
    if (!sealed || !isUnboundSealedSecret(sealed)) continue;
    let plaintext: string;
    try {
      plaintext = box.openUnbound(sealed);
    } catch (error) {
      if (!(error instanceof SecretKeyError)) throw error;
      result.unreadable += 1;
      continue;
    }
    // A legacy object is matched by its ciphertext: whole-document equality depends on key order.
    const unchanged = typeof sealed === 'string' ? { [field]: sealed } : { [`${field}.data`]: sealed.data };
    const updated = await model.updateOne({ _id: record._id, ...unchanged }, { $set: { [field]: box.seal(plaintext, ownerOf(String(record._id))) } });
    result.resealed += updated.modifiedCount;
  }
  if (result.resealed || result.unreadable) log.info({ collection: model.collection.name, field, ...result }, 'sealed stored secrets again, bound to their records');
  return result;
}
