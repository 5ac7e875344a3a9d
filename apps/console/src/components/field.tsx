// A labelled form control with the graph's error for its field beneath it (aria-describedby links them).
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';

interface FieldProps {
  label: string;
  /** The input path the graph names in `extensions.field`, e.g. `input.trackingNumber`. */
  field: string;
  errors: Record<string, string>;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string; 'data-field': string }) => ReactNode;
}

export function Field({ label, field, errors, children }: FieldProps) {
  const id = useId();
  const error = errors[field];
  const errorId = `${id}-error`;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': error ? errorId : undefined, 'data-field': field })}
      {error && (
        <p className="field-error" id={errorId} role="alert" data-error-for={field}>
          {error}
        </p>
      )}
    </div>
  );
}

type InputFieldProps = Omit<FieldProps, 'children'> & InputHTMLAttributes<HTMLInputElement>;

export function InputField({ label, field, errors, ...input }: InputFieldProps) {
  return <Field label={label} field={field} errors={errors}>{(props) => <input {...input} {...props} />}</Field>;
}

type SelectFieldProps = Omit<FieldProps, 'children'> & SelectHTMLAttributes<HTMLSelectElement> & { options: Array<{ value: string; label: string }> };

export function SelectField({ label, field, errors, options, ...select }: SelectFieldProps) {
  return (
    <Field label={label} field={field} errors={errors}>
      {(props) => (
        <select {...select} {...props}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
