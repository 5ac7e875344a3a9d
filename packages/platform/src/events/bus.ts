// Live notification of newly stored events, so readers need not poll: in-process by default, over
// Redis pub/sub when REDIS_URL is set (events then reach readers in any process). A notice is only a
// hint that arrives at most once: the durable log stays the source of truth, and a reader that sees
// a gap in `seq` (or nothing for a while) reads the log from its cursor.
import { EventEmitter } from 'node:events';
import Redis from 'ioredis';
import { createLogger } from '../logger';
import type { StoredEvent } from './event';
import type { EventLog } from './event-log';

const log = createLogger('event-bus');

export type EventListener = (event: StoredEvent) => void;

export interface EventBus {
  readonly kind: 'in-process' | 'redis';
  publish(logName: string, event: StoredEvent): void;
  subscribe(logName: string, listener: EventListener): () => void;
  close(): Promise<void>;
}

export class InProcessEventBus implements EventBus {
  readonly kind = 'in-process' as const;
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish(logName: string, event: StoredEvent): void {
    this.emitter.emit(logName, event);
  }

  subscribe(logName: string, listener: EventListener): () => void {
    this.emitter.on(logName, listener);
    return () => this.emitter.off(logName, listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

/** One publishing connection and one subscribing connection per process, whatever the number of logs. */
export class RedisEventBus implements EventBus {
  readonly kind = 'redis' as const;
  private readonly publisher: Redis;
  private subscriber: Redis | null = null;
  private readonly local = new InProcessEventBus();
  private readonly channels = new Map<string, number>();

  constructor(
    private readonly url: string,
    /** Keeps deployments (and test runs) sharing one Redis apart. */
    private readonly prefix = 'oms',
  ) {
    this.publisher = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false });
    this.publisher.on('error', (error) => log.warn({ err: error }, 'Redis publisher error; readers fall back to polling the log'));
  }

  publish(logName: string, event: StoredEvent): void {
    this.publisher.publish(this.channel(logName), JSON.stringify(event)).catch((error: Error) => log.warn({ err: error, log: logName }, 'event notice not published'));
  }

  subscribe(logName: string, listener: EventListener): () => void {
    const subscriber = this.connectSubscriber();
    const channel = this.channel(logName);
    const count = this.channels.get(channel) ?? 0;
    if (count === 0) subscriber.subscribe(channel).catch((error: Error) => log.warn({ err: error, channel }, 'Redis subscribe failed'));
    this.channels.set(channel, count + 1);
    const off = this.local.subscribe(logName, listener);
    return () => {
      off();
      const left = (this.channels.get(channel) ?? 1) - 1;
      this.channels.set(channel, left);
      if (left === 0) subscriber.unsubscribe(channel).catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    await this.local.close();
    this.publisher.disconnect();
    this.subscriber?.disconnect();
  }

  private channel(logName: string): string {
    return `${this.prefix}:events:${logName}`;
  }

  private connectSubscriber(): Redis {
    if (this.subscriber) return this.subscriber;
    const subscriber = new Redis(this.url, { maxRetriesPerRequest: null });
    subscriber.on('error', (error) => log.warn({ err: error }, 'Redis subscriber error; readers fall back to polling the log'));
    subscriber.on('message', (channel: string, message: string) => {
      const logName = channel.slice(this.prefix.length + ':events:'.length);
      try {
        const event = JSON.parse(message) as StoredEvent;
        this.local.publish(logName, { ...event, at: new Date(event.at) });
      } catch (error) {
        log.warn({ err: error, channel }, 'unreadable event notice dropped');
      }
    });
    this.subscriber = subscriber;
    return subscriber;
  }
}

export function createEventBus(options: { redisUrl?: string; prefix?: string } = {}): EventBus {
  return options.redisUrl ? new RedisEventBus(options.redisUrl, options.prefix) : new InProcessEventBus();
}

/** Publishes every event `eventLog` stores from now on; returns the detach function. */
export function publishEventLog(eventLog: EventLog, bus: EventBus): () => void {
  return eventLog.onStored((event) => bus.publish(eventLog.name, event));
}

/**
 * Announces a subgraph's stored events on the bus it was given (the stack's), or on one of its own
 * (Redis when REDIS_URL is set). Returns what to call at stop, after the service has stopped taking
 * requests and before its connection closes: it finishes the relays asked for (so their notices go
 * out), stops the log's relay and detaches.
 */
export function announceEvents(eventLog: EventLog, options: { eventBus?: EventBus; redisUrl?: string }): () => Promise<void> {
  const bus = options.eventBus ?? createEventBus({ redisUrl: options.redisUrl });
  const detach = publishEventLog(eventLog, bus);
  return async () => {
    await eventLog.stop();
    detach();
    if (!options.eventBus) await bus.close();
  };
}
