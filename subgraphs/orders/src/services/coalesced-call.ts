// Coalesces concurrent calls of one peer mutation into one batch request: placements that arrive
// within a few milliseconds of each other (a batch import, a busy storefront) share one HTTP hop and,
// in Inventory, one compare-and-set per stock level for all of them. A lone call goes out as itself.
// A batch the peer refuses as a whole (one bad input refuses all) is retried call by call, so every
// caller gets its own answer or its own error.
import DataLoader from 'dataloader';

export interface CoalescedCallOptions<I, O> {
  /** How long the first call of a batch waits for others. */
  windowMs: number;
  maxBatch: number;
  one(input: I, actor: string): Promise<O>;
  /** One answer per input, in order. */
  many(inputs: I[], actor: string): Promise<O[]>;
}

export class CoalescedCall<I, O> {
  private readonly loader: DataLoader<{ input: I; actor: string }, O>;

  constructor(private readonly options: CoalescedCallOptions<I, O>) {
    this.loader = new DataLoader((calls) => this.dispatch(calls), {
      cache: false,
      maxBatchSize: options.maxBatch,
      batchScheduleFn: (callback) => setTimeout(callback, options.windowMs),
    });
  }

  call(input: I, actor: string): Promise<O> {
    return this.loader.load({ input, actor });
  }

  private async dispatch(calls: ReadonlyArray<{ input: I; actor: string }>): Promise<Array<O | Error>> {
    const answers: Array<O | Error> = new Array(calls.length);
    // The peer records who acted: calls of different actors never share a request.
    const byActor = new Map<string, number[]>();
    calls.forEach((call, index) => byActor.set(call.actor, [...(byActor.get(call.actor) ?? []), index]));
    await Promise.all(
      [...byActor].map(async ([actor, indexes]) => {
        const inputs = indexes.map((index) => calls[index].input);
        if (inputs.length > 1) {
          try {
            const outputs = await this.options.many(inputs, actor);
            indexes.forEach((index, i) => (answers[index] = outputs[i]));
            return;
          } catch {
            // Refused as a whole: each call alone finds its own answer.
          }
        }
        await Promise.all(indexes.map(async (index) => (answers[index] = await this.options.one(calls[index].input, actor).catch((error: Error) => error))));
      }),
    );
    return answers;
  }
}
