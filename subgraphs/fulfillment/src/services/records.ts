// Small helpers every fulfillment service uses when reading and writing its records.

/** Readers never need the outbox (internal bookkeeping until relayed). */
export const WITHOUT_OUTBOX = { outbox: 0 } as const;

/** A unique index refused the write: another request (or process) stored the same key first. */
export function isDuplicateKey(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 11000 || (typeof message === 'string' && message.includes('E11000'));
}
