// Structured logging for every service; pretty in a terminal, JSON everywhere else.
import pino, { type Logger } from 'pino';
import { loggingConfig } from './config/logging';

// Read when first imported: modules make their loggers as they load, before any service starts.
// Jest sets NODE_ENV=test in its workers (and the processes tests spawn inherit it).
const settings = loggingConfig.read();
const level = settings.LOG_LEVEL ?? (settings.NODE_ENV === 'test' ? 'warn' : 'info');
const pretty = process.stdout.isTTY && settings.LOG_FORMAT !== 'json';

const root: Logger = pino({
  level,
  base: undefined,
  ...(pretty ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname', translateTime: 'HH:MM:ss' } } } : {}),
});

export type { Logger };

export function createLogger(component: string): Logger {
  return root.child({ component });
}
