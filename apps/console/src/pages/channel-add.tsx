// Adds a connection. The form's config fields are the connector's secret fields plus any the user adds;
// the hub validates the config with the connector's own schema and names the failing field
// (`input.config.accessToken`), which is shown beside that field.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { InputField, SelectField } from '../components/field';
import { MutationStatus } from '../components/mutation-status';
import { graphErrors } from '../graph/errors';
import { AddConnectionMutation, ChannelConnectorsQuery } from './channel-queries';

const BASE_FIELDS = ['baseUrl'];

export function AddConnection({ onAdded }: { onAdded: () => void }) {
  const [{ data }] = useQuery({ query: ChannelConnectorsQuery });
  const [state, run] = useMutation(AddConnectionMutation);
  const connectors = data?.channelConnectors ?? [];
  const [kind, setKind] = useState('');
  const [name, setName] = useState('');
  const [channel, setChannel] = useState('');
  const [config, setConfig] = useState<Record<string, string>>({});
  const [extraField, setExtraField] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const connector = connectors.find((entry) => entry.kind === (kind || connectors[0]?.kind));
  const configFields = [...new Set([...BASE_FIELDS, ...(connector?.secretFields ?? []), ...Object.keys(config)])];
  const shown = ['input.name', 'input.kind', 'input.channel', ...configFields.map((field) => `input.config.${field}`), 'input.config'];
  const errors = graphErrors(state.error, shown);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const values = Object.fromEntries(Object.entries(config).filter(([, value]) => value !== ''));
    const result = await run({ input: { name, kind: connector?.kind ?? kind, channel, config: values } });
    if (result.data) {
      setDone(`Added ${result.data.addChannelConnection.name}; its first sync has started.`);
      onAdded();
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-label="Add connection" noValidate>
      <h2>Add a connection</h2>
      <SelectField label="Connector" field="input.kind" errors={errors.byField} value={connector?.kind ?? ''} onChange={(event) => setKind(event.target.value)} options={connectors.map((entry) => ({ value: entry.kind, label: entry.displayName }))} />
      <InputField label="Name" field="input.name" errors={errors.byField} value={name} onChange={(event) => setName(event.target.value)} />
      <InputField label="Channel" field="input.channel" errors={errors.byField} value={channel} onChange={(event) => setChannel(event.target.value)} />
      <fieldset>
        <legend>Configuration</legend>
        {errors.byField['input.config'] && <p className="field-error" role="alert">{errors.byField['input.config']}</p>}
        {configFields.map((field) => (
          <InputField
            key={field}
            label={field}
            field={`input.config.${field}`}
            errors={errors.byField}
            type={connector?.secretFields.includes(field) ? 'password' : 'text'}
            value={config[field] ?? ''}
            onChange={(event) => setConfig({ ...config, [field]: event.target.value })}
          />
        ))}
        <label>
          Another field <input value={extraField} onChange={(event) => setExtraField(event.target.value)} />
        </label>{' '}
        <button
          type="button"
          onClick={() => {
            if (extraField.trim()) setConfig({ ...config, [extraField.trim()]: '' });
            setExtraField('');
          }}
        >
          Add field
        </button>
      </fieldset>
      <button type="submit" disabled={state.fetching}>
        Add connection
      </button>
      <MutationStatus fetching={state.fetching} general={errors.general} done={done} />
    </form>
  );
}
