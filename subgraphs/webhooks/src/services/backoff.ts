// Retry delays: exponential with full jitter (a random wait up to base·2^n, capped), so receivers
// coming back from an outage are not hit by every retry at the same instant.
export function backoffDelay(failures: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(random() * ceiling);
}
