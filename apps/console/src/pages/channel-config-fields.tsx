// The config fields of a connector, rendered from its own schema (channelConnectors { configFields }):
// one control per field, the hub's error for `input.config.<field>` beside it. Shared by the add and
// edit forms; editing differs only in that credentials are never shown and may be left empty to keep.
import { InputField, SelectField } from '../components/field';
import type { ConfigField } from './channel-config';

interface ConfigFieldsetProps {
  legend: string;
  fields: ConfigField[];
  errors: Record<string, string>;
  value(field: ConfigField): string;
  onChange(name: string, value: string): void;
  /** Editing a stored connection: nothing is required, an empty credential keeps the stored one. */
  editing?: boolean;
}

export function ConfigFieldset({ legend, fields, errors, value, onChange, editing = false }: ConfigFieldsetProps) {
  const placeholder = (field: ConfigField) => {
    if (editing && field.secret) return 'stored; leave empty to keep';
    if (field.type === 'JSON') return 'JSON';
    return field.required && !editing ? 'required' : 'optional';
  };
  return (
    <fieldset>
      <legend>{legend}</legend>
      {errors['input.config'] && <p className="field-error" role="alert">{errors['input.config']}</p>}
      {fields.map((field) =>
        field.options.length || field.type === 'BOOLEAN' ? (
          <SelectField
            key={field.name}
            label={field.name}
            field={`input.config.${field.name}`}
            errors={errors}
            value={value(field)}
            onChange={(event) => onChange(field.name, event.target.value)}
            options={[{ value: '', label: field.required && !editing ? 'choose…' : 'default' }, ...(field.type === 'BOOLEAN' ? ['true', 'false'] : field.options).map((option) => ({ value: option, label: option }))]}
          />
        ) : (
          <InputField
            key={field.name}
            label={field.name}
            field={`input.config.${field.name}`}
            errors={errors}
            type={field.secret ? 'password' : field.type === 'NUMBER' ? 'number' : 'text'}
            required={!editing && field.required}
            autoComplete={editing && field.secret ? 'new-password' : undefined}
            placeholder={placeholder(field)}
            title={field.description ?? undefined}
            value={value(field)}
            onChange={(event) => onChange(field.name, event.target.value)}
          />
        ),
      )}
    </fieldset>
  );
}
