// Counts database round-trips, not commands: a batch of look-ups sent together (one `$in` on MongoDB,
// parallel equality finds on FerretDB, see packages/platform/src/db/key-lookup.ts) is one round-trip.
// A round-trip starts with a command sent while none of the counted ones is in flight.
import type { mongo } from 'mongoose';

const IGNORED = new Set(['hello', 'isMaster', 'ismaster', 'ping', 'buildInfo', 'saslStart', 'saslContinue', 'endSessions', 'getMore_handshake']);

export interface RoundTripCounter {
  reset(): void;
  count(): number;
}

/** `counted` says which commands belong to the measured work (background readers are left out). */
export function countRoundTrips(client: mongo.MongoClient, counted: (collection: string | undefined, commandName: string) => boolean): RoundTripCounter {
  const inFlight = new Set<number>();
  let count = 0;
  client.on('commandStarted', (event) => {
    if (IGNORED.has(event.commandName)) return;
    const target = (event.command as Record<string, unknown>)[event.commandName];
    if (!counted(typeof target === 'string' ? target : undefined, event.commandName)) return;
    if (inFlight.size === 0) count += 1;
    inFlight.add(event.requestId);
  });
  const done = (event: { requestId: number }) => inFlight.delete(event.requestId);
  client.on('commandSucceeded', done);
  client.on('commandFailed', done);
  return {
    // A command whose answer never came (its connection closed) must not hide the next measurement's round-trips.
    reset: () => {
      count = 0;
      inFlight.clear();
    },
    count: () => count,
  };
}
