// Secrets at rest (webhook endpoint secrets, channel credentials): AES-256-GCM with a random 96-bit
// IV per seal. A secret must stay usable (to sign, to call a channel), so it is encrypted, not hashed;
// a leaked database alone does not reveal it. Each sealed value names its key id, so a changed key is
// reported as such, with what to do, instead of as a corrupt record.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { internalSecret, internalSecretIsGenerated } from '../auth/signature';

const FORMAT = 'v1';
const INFO = 'oms-hub/secret-box/v1';

/** Without a configured key (only a secret this process generated), sealed secrets do not survive a restart. */
export function secretsKeyConfigured(): boolean {
  return !!process.env.OMS_SECRETS_KEY || (!!process.env.OMS_INTERNAL_SECRET && !internalSecretIsGenerated());
}

/** The object format channels stored before the string format; still opened when the key is the same. */
export interface LegacySealedSecret {
  v: 1;
  kid: string;
  iv: string;
  tag: string;
  data: string;
}

/** A sealed value that cannot be opened here: another key, or tampered with. The message says what to do. */
export class SecretKeyError extends Error {
  override readonly name = 'SecretKeyError';
}

export interface SecretBoxOptions {
  /** What the caller's user should do when a value no longer opens, e.g. "rotate the endpoint's secret". */
  remedy?: string;
}

/** A canonical base64 encoding of exactly 32 bytes is a key already; anything else is key material. */
function toKey(material: string | Uint8Array): Buffer {
  if (typeof material === 'string' && /^[A-Za-z0-9+/]{43}=$/.test(material)) return Buffer.from(material, 'base64');
  const input = typeof material === 'string' ? Buffer.from(material, 'utf8') : Buffer.from(material);
  return Buffer.from(hkdfSync('sha256', input, Buffer.alloc(0), INFO, 32));
}

export class SecretBox {
  private readonly key: Buffer;
  readonly keyId: string;
  /** Key id as the legacy object format computed it, to open values channels sealed before. */
  private readonly legacyKeyId: string;
  private readonly remedy: string;

  constructor(material: string | Uint8Array = process.env.OMS_SECRETS_KEY || internalSecret(), options: SecretBoxOptions = {}) {
    this.key = toKey(material);
    this.keyId = createHash('sha256').update(this.key).digest('hex').slice(0, 8);
    this.legacyKeyId = Buffer.from(hkdfSync('sha256', this.key, Buffer.alloc(0), Buffer.from('kid'), 6)).toString('hex');
    this.remedy = options.remedy ?? 'seal the secret again';
  }

  /** `v1.<key id>.<iv>.<tag>.<ciphertext>`, base64url parts. */
  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, this.keyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  open(sealed: string | LegacySealedSecret): string {
    if (typeof sealed === 'object' && sealed !== null) {
      this.checkKey(sealed.kid, this.legacyKeyId);
      return this.decrypt(sealed.iv, sealed.tag, sealed.data, 'base64');
    }
    const [format, keyId, iv, tag, data] = String(sealed).split('.');
    if (format !== FORMAT || data === undefined) throw new SecretKeyError(`the stored secret is unreadable (unknown format); ${this.remedy}`);
    this.checkKey(keyId, this.keyId);
    return this.decrypt(iv, tag, data, 'base64url');
  }

  private checkKey(found: string, expected: string): void {
    if (found === expected) return;
    throw new SecretKeyError(
      `the stored secret was encrypted with another key (${found}, this process has ${expected}; OMS_SECRETS_KEY or OMS_INTERNAL_SECRET changed): set the same OMS_SECRETS_KEY everywhere, or ${this.remedy}`,
    );
  }

  private decrypt(iv: string, tag: string, data: string, encoding: 'base64' | 'base64url'): string {
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, encoding));
      decipher.setAuthTag(Buffer.from(tag, encoding));
      return Buffer.concat([decipher.update(Buffer.from(data, encoding)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretKeyError(`the stored secret does not decrypt (tampered with, or another key); ${this.remedy}`);
    }
  }
}
