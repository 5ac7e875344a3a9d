// The kinds of value an environment variable holds, each with its parse and its complaint.
import { z } from 'zod';
import type { VariableDoc } from './define';

const describe = <T extends z.ZodType>(schema: T, doc: VariableDoc | string): T => schema.meta(typeof doc === 'string' ? { description: doc } : { ...doc });

const numberAtLeast = (min: number, integer: boolean) =>
  z.string().transform((raw, ctx) => {
    const value = Number(raw.trim());
    const kind = integer ? 'an integer' : 'a number';
    if (!raw.trim() || !Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
      ctx.addIssue({ code: 'custom', message: `must be ${kind} of at least ${min}` });
      return z.NEVER;
    }
    return value;
  });

const FLAGS: Record<string, boolean> = { '1': true, true: true, '0': false, false: false };
const flagValue = z.string().transform((raw, ctx) => {
  const value = FLAGS[raw.trim().toLowerCase()];
  if (value === undefined) {
    ctx.addIssue({ code: 'custom', message: 'must be true or false (1 or 0)' });
    return z.NEVER;
  }
  return value;
});

export const env = {
  /** Free text; absent when unset. */
  text: (doc: VariableDoc | string) => describe(z.string().optional(), doc),
  /** Free text with a default. */
  textOr: (fallback: string, doc: VariableDoc | string) => describe(z.string().default(fallback), doc),
  /** A number ≥ `min` (milliseconds, counts, sizes). */
  number: (fallback: number, doc: VariableDoc | string, min = 1) => describe(numberAtLeast(min, false).default(fallback), doc),
  /** A number ≥ `min`, absent when unset (the caller picks the default). */
  optionalNumber: (doc: VariableDoc | string, min = 1) => describe(numberAtLeast(min, false).optional(), doc),
  /** An integer ≥ `min`. */
  integer: (fallback: number, doc: VariableDoc | string, min = 1) => describe(numberAtLeast(min, true).default(fallback), doc),
  /** A TCP port; 0 lets the system choose. */
  port: (fallback: number, doc: VariableDoc | string) => describe(numberAtLeast(0, true).refine((port) => port <= 65_535, 'must be a port (0 to 65535)').default(fallback), doc),
  /** A TCP port, absent when unset (the caller picks one). */
  optionalPort: (doc: VariableDoc | string) => describe(numberAtLeast(0, true).refine((port) => port <= 65_535, 'must be a port (0 to 65535)').optional(), doc),
  /** `true`/`1` or `false`/`0`. */
  flag: (fallback: boolean, doc: VariableDoc | string) => describe(flagValue.default(fallback), doc),
  /** One of a closed set of words. */
  choice: <const T extends readonly [string, ...string[]]>(values: T, fallback: T[number], doc: VariableDoc | string) => describe(z.enum(values).default(fallback as never), doc),
  /** One of a closed set of words, absent when unset. */
  optionalChoice: <const T extends readonly [string, ...string[]]>(values: T, doc: VariableDoc | string) => describe(z.enum(values).optional(), doc),
  /** An absolute http(s) URL. */
  httpUrl: (fallback: string, doc: VariableDoc | string) =>
    describe(
      z
        .string()
        .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), 'must be an http(s) URL')
        .default(fallback),
      doc,
    ),
};
