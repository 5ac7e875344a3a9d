// Where syncs and webhook deliveries wait to run: BullMQ on Redis when REDIS_URL is set (any
// process may run them), an in-process scheduler otherwise. Both drive the same SyncRunner and
// WebhookProcessor; the database stays the source of truth (due times, leases, delivery status).
export interface JobQueue {
  readonly kind: 'in-process' | 'bullmq';
  start(): Promise<void>;
  /** The connection's next sync is due at `at` (now or earlier: as soon as possible). */
  scheduleSync(connectionId: string, at: Date): Promise<void>;
  /** Runs a run that was started (its lease is held) somewhere soon. */
  dispatchRun(runId: string): Promise<void>;
  /** Processes a stored webhook delivery at `at`, its stored nextAttemptAt (the job id includes it). */
  enqueueWebhook(deliveryId: string, at: Date): void;
  stop(): Promise<void>;
}
