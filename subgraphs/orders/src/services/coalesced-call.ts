// Coalesces concurrent calls of one peer mutation into batch requests, the way a database commits a
// group: a call goes out at once while fewer than `maxInFlight` batches are in flight; calls arriving
// meanwhile wait for the next free slot and go together. A lone call therefore waits for nothing,
// and under load (a batch import, a busy storefront) batches grow by themselves: one HTTP hop and,
// in Inventory, one compare-and-set per stock level for all of them.
// A batch the peer refuses as a whole (one bad input refuses all) is retried call by call, so every
// caller gets its own answer or its own error.

export interface CoalescedCallOptions<I, O> {
  /** Batches in flight at once; later calls queue for the next. */
  maxInFlight: number;
  maxBatch: number;
  one(input: I, actor: string): Promise<O>;
  /** One answer per input, in order. */
  many(inputs: I[], actor: string): Promise<O[]>;
}

interface QueuedCall<I, O> {
  input: I;
  actor: string;
  resolve(output: O): void;
  reject(error: unknown): void;
}

export class CoalescedCall<I, O> {
  private queue: Array<QueuedCall<I, O>> = [];
  private inFlight = 0;

  constructor(private readonly options: CoalescedCallOptions<I, O>) {}

  call(input: I, actor: string): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ input, actor, resolve, reject });
      // Callers of the same tick join this one; a full pipe sends it when a batch returns.
      if (this.queue.length === 1) setImmediate(() => this.pump());
    });
  }

  private pump(): void {
    while (this.queue.length > 0 && this.inFlight < this.options.maxInFlight) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight += 1;
      void this.dispatch(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async dispatch(calls: Array<QueuedCall<I, O>>): Promise<void> {
    // The peer records who acted: calls of different actors never share a request.
    const byActor = new Map<string, Array<QueuedCall<I, O>>>();
    for (const call of calls) byActor.set(call.actor, [...(byActor.get(call.actor) ?? []), call]);
    await Promise.all(
      [...byActor].map(async ([actor, group]) => {
        if (group.length > 1) {
          try {
            const outputs = await this.options.many(group.map((call) => call.input), actor);
            group.forEach((call, i) => call.resolve(outputs[i]));
            return;
          } catch {
            // Refused as a whole: each call alone finds its own answer.
          }
        }
        await Promise.all(group.map((call) => this.options.one(call.input, actor).then(call.resolve, call.reject)));
      }),
    );
  }
}
