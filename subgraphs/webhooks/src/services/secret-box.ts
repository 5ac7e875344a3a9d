// Endpoint secrets at rest: AES-256-GCM under a key derived (HKDF-SHA256) from OMS_SECRETS_KEY, else
// the hub's internal secret. A secret must stay usable to sign, so it is encrypted, not hashed; a
// leaked database alone does not reveal it. Each ciphertext names its key id, so a changed key is
// reported as such instead of as a corrupt record.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { internalSecret } from '@oms/platform';

const FORMAT = 'v1';

/**
 * Read when this module loads, before a stack generates a per-process internal secret: without a
 * configured key, sealed secrets do not survive a restart (endpoints then need rotateWebhookSecret).
 */
export const SECRETS_KEY_CONFIGURED = !!(process.env.OMS_SECRETS_KEY || process.env.OMS_INTERNAL_SECRET);
const INFO = 'oms-hub/webhook-endpoint-secrets';

export class SecretBox {
  private readonly key: Buffer;
  readonly keyId: string;

  constructor(material: Uint8Array | string = process.env.OMS_SECRETS_KEY || internalSecret()) {
    const input = typeof material === 'string' ? Buffer.from(material, 'utf8') : Buffer.from(material);
    this.key = Buffer.from(hkdfSync('sha256', input, Buffer.alloc(0), INFO, 32));
    this.keyId = createHash('sha256').update(this.key).digest('hex').slice(0, 8);
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, this.keyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  open(sealed: string): string {
    const [format, keyId, iv, tag, data] = sealed.split('.');
    if (format !== FORMAT || !data) throw new Error('unreadable endpoint secret (unknown format)');
    if (keyId !== this.keyId) {
      throw new Error(`the endpoint secret was encrypted with another key (${keyId}, this process has ${this.keyId}): set the same OMS_SECRETS_KEY everywhere, or rotate the endpoint's secret`);
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }
}
