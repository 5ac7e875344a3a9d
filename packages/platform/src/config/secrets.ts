// The secrets services share: the one identities are signed with, and the key values are sealed with.
// Their strength is judged by shared-secrets.ts (standalone services refuse weak ones).
import { defineConfig } from './define';
import { env } from './variables';

export const secretsConfig = defineConfig('secrets', {
  OMS_INTERNAL_SECRET: env.text({
    description: 'Secret the gateway signs caller identities with and subgraphs verify (HS256); the same in every process.',
    readmeDefault: 'random per process (`npm start`, tests)',
  }),
  OMS_SECRETS_KEY: env.text({
    description: 'Key that seals channel credentials and webhook secrets at rest (32 random bytes in base64).',
    readmeDefault: '`npm start`: kept in `.data/secrets.key`; else derived from `OMS_INTERNAL_SECRET` (HKDF)',
  }),
});
