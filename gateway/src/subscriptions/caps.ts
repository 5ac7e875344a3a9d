// What one API key may hold open on this gateway: connections, subscriptions, replays running at
// once. Checked before any work (no parsing, no rate-limit point, no scope look-up), so a client that
// asks for too much is refused for the price of a counter. Hub services are not capped.
import { OmsError } from '@oms/platform';
import type { SubscriptionOptions } from './options';
import type { Session } from './session';

export type CapLimits = Pick<SubscriptionOptions, 'maxConnectionsPerKey' | 'maxSubscriptionsPerConnection' | 'maxSubscriptionsPerKey' | 'maxReplaysPerKey'>;

/** How long a client refused for running too many replays should wait before asking again. */
const REPLAY_RETRY_SECONDS = 5;

export class SubscriptionCaps {
  private readonly byKey = new Map<string, Set<Session>>();

  constructor(private readonly limits: CapLimits) {}

  /** Counts the connection in; false (and counted nowhere) when its key already holds the most it may. */
  opened(session: Session): boolean {
    const sessions = this.byKey.get(session.key) ?? new Set<Session>();
    if (!uncapped(session) && sessions.size >= this.limits.maxConnectionsPerKey) return false;
    sessions.add(session);
    this.byKey.set(session.key, sessions);
    return true;
  }

  closed(session: Session): void {
    const sessions = this.byKey.get(session.key);
    if (!sessions?.delete(session)) return;
    if (sessions.size === 0) this.byKey.delete(session.key);
  }

  /** The refusal for one more subscription on `session`, or null when it may start. */
  refuseSubscribe(session: Session): OmsError | null {
    if (uncapped(session)) return null;
    const own = session.feeds.size + session.starting;
    if (own >= this.limits.maxSubscriptionsPerConnection) {
      return capError(`This connection already runs ${own} subscriptions (at most ${this.limits.maxSubscriptionsPerConnection}); complete some or open another connection`, this.limits.maxSubscriptionsPerConnection);
    }
    let total = 0;
    for (const other of this.byKey.get(session.key) ?? []) total += other.feeds.size + other.starting;
    if (total >= this.limits.maxSubscriptionsPerKey) {
      return capError(`Key ${session.key} already runs ${total} subscriptions on this gateway (at most ${this.limits.maxSubscriptionsPerKey})`, this.limits.maxSubscriptionsPerKey);
    }
    return null;
  }

  /** The refusal for one more replay (a subscribe with `after`) by `session`'s key, or null. */
  refuseReplay(session: Session): OmsError | null {
    if (uncapped(session)) return null;
    let replaying = 0;
    for (const other of this.byKey.get(session.key) ?? []) {
      replaying += other.replaysStarting;
      for (const feed of other.feeds) if (!feed.live) replaying += 1;
    }
    if (replaying < this.limits.maxReplaysPerKey) return null;
    return new OmsError('RATE_LIMITED', `Key ${session.key} already replays ${replaying} event logs (at most ${this.limits.maxReplaysPerKey} at once); retry in ${REPLAY_RETRY_SECONDS} s, when one has caught up`, {
      limit: this.limits.maxReplaysPerKey,
      retryAfterSeconds: REPLAY_RETRY_SECONDS,
    });
  }

  /** Connections per key right now (for stats). */
  connections(key: string): number {
    return this.byKey.get(key)?.size ?? 0;
  }
}

function uncapped(session: Session): boolean {
  return session.identity.role === 'SERVICE';
}

function capError(message: string, limit: number): OmsError {
  return new OmsError('RATE_LIMITED', message, { limit });
}
