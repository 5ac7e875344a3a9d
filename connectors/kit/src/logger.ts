// The kit logs through pino (connectors must not depend on the hub's platform package).
import pino, { type Logger } from 'pino';

export type KitLogger = Logger;

const root = pino({ level: process.env.LOG_LEVEL ?? (process.env.JEST_WORKER_ID ? 'silent' : 'info'), base: undefined });

export function kitLogger(name: string, bindings: Record<string, unknown> = {}): KitLogger {
  return root.child({ name, ...bindings });
}
