// A connector config field as the console's forms hold it (text), and the value the hub's schema wants.
import type { ConnectorConfigFieldType } from '../gql/graphql';

export interface ConfigField {
  name: string;
  type: ConnectorConfigFieldType;
  required: boolean;
  secret: boolean;
  description?: string | null;
  options: string[];
}

/** What the form holds as text, as the config value the field's type asks for; undefined leaves it out. */
export function configValue(field: ConfigField, text: string): unknown {
  if (text.trim() === '') return undefined;
  if (field.type === 'NUMBER') return Number(text);
  if (field.type === 'BOOLEAN') return text === 'true';
  if (field.type === 'JSON') {
    try {
      return JSON.parse(text);
    } catch {
      return text; // The hub names the field and says what it expects.
    }
  }
  return text;
}
