// A service's configuration: every environment variable it reads, declared once with zod (type,
// default, description), parsed in one go when the service starts. A bad value stops the start with
// an error naming each variable and what is wrong, instead of surfacing later as NaN or a silent default.
import { z } from 'zod';

export type Env = Record<string, string | undefined>;

/** What a variable's declaration says about it, for people (README.md) as much as for the code. */
export interface VariableDoc {
  description: string;
  /** The README's name when one row covers a family of variables, e.g. `<SUBGRAPH>_PORT`. */
  readmeName?: string;
  /** The default as the README states it, when it is not one constant (derived, or chosen by the caller). */
  readmeDefault?: string;
}

export type ConfigShape = Record<string, z.ZodType>;

export class ConfigurationError extends Error {
  constructor(
    readonly service: string,
    readonly problems: string[],
  ) {
    super(`Invalid configuration of ${service}: ${problems.join('; ')}`);
    this.name = 'ConfigurationError';
  }
}

export interface ConfigDefinition<S extends ConfigShape> {
  /** Who reads these variables (named in errors and by the README check). */
  service: string;
  shape: S;
  /** Parses `env` (the process environment by default); throws ConfigurationError naming every bad variable. */
  read(env?: Env): z.output<z.ZodObject<S>>;
}

export function defineConfig<S extends ConfigShape>(service: string, shape: S): ConfigDefinition<S> {
  const schema = z.object(shape);
  return {
    service,
    shape,
    read(env: Env = process.env) {
      // An empty value means unset, as `VAR= npm start` intends.
      const input = Object.fromEntries(Object.keys(shape).map((name) => [name, env[name] === '' ? undefined : env[name]]));
      const result = schema.safeParse(input);
      if (result.success) return result.data;
      const problems = result.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        return `${name} ${issue.message} (got ${JSON.stringify(input[name])})`;
      });
      throw new ConfigurationError(service, problems);
    },
  };
}

/** The documentation a variable was declared with. */
export function variableDoc(schema: z.ZodType): VariableDoc {
  return (schema.meta() ?? { description: '' }) as VariableDoc;
}
