// How every service logs, and whether it runs in production.
import { defineConfig } from './define';
import { env } from './variables';

export const loggingConfig = defineConfig('logging', {
  LOG_LEVEL: env.optionalChoice(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    description: 'pino log level.',
    readmeDefault: '`info` (`warn` under tests)',
  }),
  LOG_FORMAT: env.optionalChoice(['json', 'pretty'], { description: '`json` forces JSON logs.', readmeDefault: 'pretty in a terminal' }),
  NODE_ENV: env.text('`production`: schema introspection only for ADMIN keys, warnings where a development default is in use; `test`: quieter logs.'),
  NO_COLOR: env.text('Any value: `npm start` prints its progress without colours.'),
});

export type LoggingConfig = ReturnType<typeof loggingConfig.read>;
