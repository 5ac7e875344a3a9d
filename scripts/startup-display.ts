// The start-up progress of `npm start`: one line per finished stage with its time, indented details
// (build and seed progress) while a stage runs. Whole lines only, never redrawn in place, so the
// services' own log lines can interleave without garbling it, in a terminal and in a CI log alike.
import { loggingConfig, type StartProgress } from '@oms/platform';

const WIDTH = 60;

export interface StartupDisplay {
  progress: StartProgress;
  step(label: string): void;
  detail(message: string): void;
  /** Ends the current stage, under a new label when given. */
  done(label?: string): void;
  fail(error: unknown): void;
  /** Seconds since the display was created. */
  elapsed(): number;
}

/** NO_COLOR and LOG_LEVEL; a bad value must not keep the display from reporting it. */
function displaySettings(): { NO_COLOR?: string; LOG_LEVEL?: string } {
  try {
    return loggingConfig.read();
  } catch {
    return {};
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function createStartupDisplay(write: (text: string) => void = (text) => process.stdout.write(text)): StartupDisplay {
  const started = Date.now();
  const logging = displaySettings();
  const tty = Boolean(process.stdout.isTTY) && !logging.NO_COLOR;
  const paint = (code: string, text: string) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);
  let current: { label: string; since: number } | null = null;

  const done = (label?: string) => {
    if (!current) return;
    const text = (label ?? current.label).padEnd(WIDTH);
    write(`  ${paint('32', '✔')} ${text} ${paint('2', seconds(Date.now() - current.since))}\n`);
    current = null;
  };
  const step = (label: string) => {
    done();
    current = { label, since: Date.now() };
  };
  const detail = (message: string) => write(`    ${paint('2', message)}\n`);

  return {
    progress: (message, kind) => (kind === 'step' ? step(message) : detail(message)),
    step,
    detail,
    done,
    fail: (error) => {
      const label = current?.label ?? 'Start';
      current = null;
      write(`  ${paint('31', '✘')} ${label}\n`);
      const message = error instanceof Error ? error.message : String(error);
      for (const line of message.split('\n')) write(`    ${paint('31', line)}\n`);
      if (logging.LOG_LEVEL === 'debug' && error instanceof Error && error.stack) write(`${paint('2', error.stack)}\n`);
    },
    elapsed: () => (Date.now() - started) / 1000,
  };
}
