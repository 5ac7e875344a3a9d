// A connector's configuration as fields a client can build a form from, read from the connector's
// own zod schema (the same one addChannelConnection validates with), so a form never drifts from it.
import { z } from 'zod';
import type { AnyConnector } from './connector-registry';

export interface ConnectorConfigField {
  name: string;
  type: 'STRING' | 'NUMBER' | 'BOOLEAN' | 'JSON';
  required: boolean;
  secret: boolean;
  description: string | null;
  /** Allowed values of an enumerated string field. */
  options: string[];
  defaultValue: unknown;
}

interface JsonSchemaProperty {
  type?: string | string[];
  enum?: unknown[];
  description?: string;
  default?: unknown;
  anyOf?: JsonSchemaProperty[];
}

/** The connector's config schema as JSON Schema (input side: what a caller sends); null when zod cannot express it. */
export function configJsonSchema(connector: AnyConnector): Record<string, unknown> | null {
  try {
    return z.toJSONSchema(connector.manifest.configSchema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  } catch {
    return null;
  }
}

export function configFields(connector: AnyConnector): ConnectorConfigField[] {
  const schema = configJsonSchema(connector) as { properties?: Record<string, JsonSchemaProperty>; required?: string[] } | null;
  const secret = new Set<string>(connector.manifest.secretFields);
  if (!schema?.properties) {
    return [...secret].map((name) => ({ name, type: 'STRING', required: true, secret: true, description: null, options: [], defaultValue: null }));
  }
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties).map(([name, property]) => {
    const variants = property.anyOf?.length ? property.anyOf : [property];
    const types = new Set(variants.flatMap((variant) => (Array.isArray(variant.type) ? variant.type : variant.type ? [variant.type] : [])));
    const options = variants.flatMap((variant) => (variant.enum ?? []).filter((value): value is string => typeof value === 'string'));
    return {
      name,
      type: fieldType(types, options),
      required: required.has(name) && property.default === undefined,
      secret: secret.has(name),
      description: property.description ?? null,
      options,
      defaultValue: property.default ?? null,
    };
  });
}

function fieldType(types: Set<string>, options: string[]): ConnectorConfigField['type'] {
  if (options.length || types.has('string')) return 'STRING';
  if (types.has('integer') || types.has('number')) return 'NUMBER';
  if (types.has('boolean')) return 'BOOLEAN';
  return 'JSON';
}
