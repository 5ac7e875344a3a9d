// Channel credentials at rest: AES-256-GCM with a random 96-bit IV per seal. The key is
// OMS_SECRETS_KEY (32 bytes, base64) or, in the embedded default, derived with HKDF from the hub's
// internal secret. A sealed value that does not open (another key) is reported, never guessed at.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { internalSecret } from '@oms/platform';

export interface SealedSecret {
  v: 1;
  /** Key id: the first bytes of a hash of the key, so a changed key is named as the cause. */
  kid: string;
  iv: string;
  tag: string;
  data: string;
}

export class SecretKeyError extends Error {}

export function resolveSecretsKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const configured = env.OMS_SECRETS_KEY;
  if (configured) {
    const key = Buffer.from(configured, 'base64');
    if (key.length !== 32) throw new SecretKeyError(`OMS_SECRETS_KEY must be 32 bytes in base64 (got ${key.length} bytes); generate one with: openssl rand -base64 32`);
    return key;
  }
  return Buffer.from(hkdfSync('sha256', Buffer.from(internalSecret()), Buffer.from('oms-hub/channels'), Buffer.from('channel-credentials/v1'), 32));
}

export class SecretBox {
  private readonly kid: string;

  constructor(private readonly key: Buffer) {
    this.kid = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), Buffer.from('kid'), 6)).toString('hex');
  }

  seal(value: Record<string, unknown>): SealedSecret {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return { v: 1, kid: this.kid, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  }

  open(sealed: SealedSecret): Record<string, unknown> {
    if (sealed.kid !== this.kid) {
      throw new SecretKeyError('the stored credentials were encrypted with another key (OMS_SECRETS_KEY or OMS_INTERNAL_SECRET changed); set the old key again, or update the connection with its credentials');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(sealed.iv, 'base64'));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      const text = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new SecretKeyError('the stored credentials do not decrypt (tampered with, or another key); update the connection with its credentials');
    }
  }
}
