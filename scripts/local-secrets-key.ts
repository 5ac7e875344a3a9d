// Channel credentials and webhook secrets are encrypted at rest with OMS_SECRETS_KEY. The embedded
// default (`npm start`) keeps one beside its data, so what it stored stays readable after a restart.
// Imported first by scripts/start.ts, before any service module reads the variable.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir, secretsConfig } from '@oms/platform';

if (!secretsConfig.read().OMS_SECRETS_KEY) {
  const file = path.join(dataDir, 'secrets.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  }
  process.env.OMS_SECRETS_KEY = readFileSync(file, 'utf8').trim();
}
