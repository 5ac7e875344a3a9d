// Secrets at rest (webhook endpoint secrets, channel credentials): AES-256-GCM with a random 96-bit
// IV per seal. A secret must stay usable (to sign, to call a channel), so it is encrypted, not hashed;
// a leaked database alone does not reveal it. Each sealed value names its key id, so a changed key is
// reported as such, with what to do, instead of as a corrupt record. Each value is also bound to the
// record and field it belongs to (GCM associated data): copied onto another record or field, it does
// not open, so a database writer cannot make one connection use another's credentials.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { internalSecret, internalSecretIsGenerated } from '../auth/signature';
import { secretsConfig } from '../config/secrets';

/** Bound to its owner and field. */
const FORMAT = 'v2';
/** Before binding: still opened by `openUnbound`, which only the start-up re-seal uses. */
const UNBOUND_FORMAT = 'v1';
/**
 * The HKDF label of the box's key. OMS_INTERNAL_SECRET signs identities as it is (HS256); the box never
 * uses it as a key, only this derivation of it, when no OMS_SECRETS_KEY is set.
 */
const INFO = 'oms-hub/secret-box/v1';

/** Without a configured key (only a secret this process generated), sealed secrets do not survive a restart. */
export function secretsKeyConfigured(): boolean {
  const secrets = secretsConfig.read();
  return !!secrets.OMS_SECRETS_KEY || (!!secrets.OMS_INTERNAL_SECRET && !internalSecretIsGenerated());
}

/** The object format channels stored before the string format; opened by `openUnbound` when the key is the same. */
export interface LegacySealedSecret {
  v: 1;
  kid: string;
  iv: string;
  tag: string;
  data: string;
}

export type SealedSecret = string | LegacySealedSecret;

/** A sealed value that cannot be opened here: another key, another owner, or tampered with. The message says what to do. */
export class SecretKeyError extends Error {
  override readonly name = 'SecretKeyError';
}

export interface SecretBoxOptions {
  /** What the caller's user should do when a value no longer opens, e.g. "rotate the endpoint's secret". */
  remedy?: string;
}

/**
 * What a sealed value belongs to, e.g. `connection:conn_1f…:secrets`: the kind of record, its id and
 * the field holding the value. The value opens only for the same three.
 */
export function sealedFor(kind: string, id: string, field: string): string {
  for (const part of [kind, id, field]) {
    if (!part || part.includes(':')) throw new Error(`A sealed value's owner part must be non-empty and without ":" (got ${JSON.stringify(part)})`);
  }
  return `${kind}:${id}:${field}`;
}

/** Whether a stored value predates binding (opens only through `openUnbound`, to be sealed again). */
export function isUnboundSealedSecret(sealed: SealedSecret): boolean {
  return typeof sealed === 'object' || String(sealed).startsWith(`${UNBOUND_FORMAT}.`);
}

/** A canonical base64 encoding of exactly 32 bytes is a key already; anything else is key material. */
function toKey(material: string | Uint8Array): Buffer {
  if (typeof material === 'string' && /^[A-Za-z0-9+/]{43}=$/.test(material)) return Buffer.from(material, 'base64');
  const input = typeof material === 'string' ? Buffer.from(material, 'utf8') : Buffer.from(material);
  return Buffer.from(hkdfSync('sha256', input, Buffer.alloc(0), INFO, 32));
}

/** OMS_SECRETS_KEY; else the internal secret (configured, or this process's), always through HKDF. */
function defaultMaterial(): string | Uint8Array {
  return secretsConfig.read().OMS_SECRETS_KEY || internalSecret();
}

export class SecretBox {
  private readonly key: Buffer;
  readonly keyId: string;
  /** Key id as the legacy object format computed it, to open values channels sealed before. */
  private readonly legacyKeyId: string;
  private readonly remedy: string;

  constructor(material: string | Uint8Array = defaultMaterial(), options: SecretBoxOptions = {}) {
    this.key = toKey(material);
    this.keyId = createHash('sha256').update(this.key).digest('hex').slice(0, 8);
    this.legacyKeyId = Buffer.from(hkdfSync('sha256', this.key, Buffer.alloc(0), Buffer.from('kid'), 6)).toString('hex');
    this.remedy = options.remedy ?? 'seal the secret again';
  }

  /** `v2.<key id>.<iv>.<tag>.<ciphertext>`, base64url parts; opens only for `owner` (see `sealedFor`). */
  seal(plaintext: string, owner: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(associatedData(owner));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, this.keyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  /** The plaintext of a value sealed for `owner`; a value sealed for anything else (or before binding) does not open. */
  open(sealed: SealedSecret, owner: string): string {
    const parts = typeof sealed === 'string' ? sealed.split('.') : [];
    if (isUnboundSealedSecret(sealed)) {
      throw new SecretKeyError(`the stored secret predates binding to its record and is sealed again when the service starts; restart it, or ${this.remedy}`);
    }
    const [format, keyId, iv, tag, data] = parts;
    if (format !== FORMAT || data === undefined) throw new SecretKeyError(`the stored secret is unreadable (unknown format); ${this.remedy}`);
    this.checkKey(keyId, this.keyId);
    return this.decrypt(iv, tag, data, 'base64url', associatedData(owner));
  }

  /** A value sealed before binding (`v1.` strings, the legacy object): only to seal it again, bound. */
  openUnbound(sealed: SealedSecret): string {
    if (typeof sealed === 'object' && sealed !== null) {
      this.checkKey(sealed.kid, this.legacyKeyId);
      return this.decrypt(sealed.iv, sealed.tag, sealed.data, 'base64');
    }
    const [format, keyId, iv, tag, data] = String(sealed).split('.');
    if (format !== UNBOUND_FORMAT || data === undefined) throw new SecretKeyError(`the stored secret is not in the unbound format; ${this.remedy}`);
    this.checkKey(keyId, this.keyId);
    return this.decrypt(iv, tag, data, 'base64url');
  }

  private checkKey(found: string, expected: string): void {
    if (found === expected) return;
    throw new SecretKeyError(
      `the stored secret was encrypted with another key (${found}, this process has ${expected}; OMS_SECRETS_KEY or OMS_INTERNAL_SECRET changed): set the same OMS_SECRETS_KEY everywhere, or ${this.remedy}`,
    );
  }

  private decrypt(iv: string, tag: string, data: string, encoding: 'base64' | 'base64url', aad?: Buffer): string {
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, encoding));
      if (aad) decipher.setAAD(aad);
      decipher.setAuthTag(Buffer.from(tag, encoding));
      return Buffer.concat([decipher.update(Buffer.from(data, encoding)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretKeyError(`the stored secret does not open for this record (tampered with, copied from another record or field, or sealed with another key); ${this.remedy}`);
    }
  }
}

/** The format travels in the associated data too, so a v2 value can never be read as anything else. */
function associatedData(owner: string): Buffer {
  if (!owner) throw new Error('A sealed value needs its owner (sealedFor(kind, id, field))');
  return Buffer.from(`oms-hub/${FORMAT}/${owner}`, 'utf8');
}
