// Structured logging for every service; pretty in a terminal, JSON everywhere else.
import pino, { type Logger } from 'pino';

const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' || process.env.JEST_WORKER_ID ? 'warn' : 'info');
const pretty = process.stdout.isTTY && process.env.LOG_FORMAT !== 'json';

const root: Logger = pino({
  level,
  base: undefined,
  ...(pretty ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname', translateTime: 'HH:MM:ss' } } } : {}),
});

export type { Logger };

export function createLogger(component: string): Logger {
  return root.child({ component });
}
