// A service started on its own (subgraphs/<name>/src/index.ts, gateway/src/index.ts) shares its
// secrets with the other processes: without OMS_INTERNAL_SECRET each would make up its own, every call
// between them would be refused with 401 while /readyz still said ready, and what it sealed would be
// lost on restart. So it refuses to start instead. The single-process stack (`npm start`, the tests)
// may still generate one: every service there runs in the same process.
import type { Env } from '../config/define';
import { secretsConfig } from '../config/secrets';

/** Shortest secret accepted; 32 random base64 characters carry 192 bits. */
export const MIN_SECRET_LENGTH = 32;
/** Fewer distinct characters than this is a pattern or a word, not a random value. */
const MIN_DISTINCT_CHARACTERS = 10;

const HOW_TO_MAKE_ONE = "e.g. `openssl rand -base64 32` or `node -e \"console.log(require('crypto').randomBytes(32).toString('base64'))\"`";

/** Why `value` is not a strong secret, or null when it is. */
export function secretWeakness(value: string | undefined): string | null {
  if (!value) return 'it is not set';
  if (value.length < MIN_SECRET_LENGTH) return `it has ${value.length} characters, fewer than ${MIN_SECRET_LENGTH}`;
  if (new Set(value).size < MIN_DISTINCT_CHARACTERS) return `it uses only ${new Set(value).size} different characters, so it is not random`;
  return null;
}

/** What is wrong with this process's shared secrets for a service running on its own (empty: nothing). */
export function sharedSecretProblems(env: Env = process.env): string[] {
  const problems: string[] = [];
  const secrets = secretsConfig.read(env);
  const internal = secretWeakness(secrets.OMS_INTERNAL_SECRET);
  if (internal) {
    problems.push(
      `OMS_INTERNAL_SECRET: ${internal}. Set it to the same random value of at least ${MIN_SECRET_LENGTH} characters in the gateway and every subgraph (${HOW_TO_MAKE_ONE}); it signs the identity the gateway forwards, and without a shared one every request between the services is refused.`,
    );
  }
  // A 32-byte key in base64 is a key as it is (see secret-box.ts); anything else must be strong material.
  const secretsKey = secrets.OMS_SECRETS_KEY;
  if (secretsKey && !/^[A-Za-z0-9+/]{43}=$/.test(secretsKey)) {
    const weakness = secretWeakness(secretsKey);
    if (weakness) problems.push(`OMS_SECRETS_KEY: ${weakness}. Set it to 32 random bytes in base64 (${HOW_TO_MAKE_ONE}), the same in every service, or leave it unset to derive the key from OMS_INTERNAL_SECRET.`);
  }
  return problems;
}

/**
 * For the entry of a service started on its own: without strong shared secrets, says what to set on
 * stderr and exits with status 1 before anything starts.
 */
export function refuseToStartWithoutSharedSecrets(service: string, env: Env = process.env): void {
  const problems = sharedSecretProblems(env);
  if (!problems.length) return;
  process.stderr.write(`The ${service} refuses to start on its own without strong shared secrets:\n${problems.map((problem) => `  - ${problem}\n`).join('')}`);
  process.exit(1);
}
