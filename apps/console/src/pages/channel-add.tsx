// Adds a connection. The config fields come from the connector's own schema (channelConnectors
// { configFields }): their types, which are required, which are credentials, the allowed values. The
// hub validates the config with that same schema and names the failing field (`input.config.accessToken`),
// which is shown beside that field.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { InputField, SelectField } from '../components/field';
import { ConfigFieldset } from './channel-config-fields';
import { MutationStatus } from '../components/mutation-status';
import { graphErrors } from '../graph/errors';
import { AddConnectionMutation, ChannelConnectorsQuery } from './channel-queries';
import { configValue, type ConfigField } from './channel-config';

export function AddConnection({ onAdded }: { onAdded: () => void }) {
  const [{ data }] = useQuery({ query: ChannelConnectorsQuery });
  const [state, run] = useMutation(AddConnectionMutation);
  const connectors = data?.channelConnectors ?? [];
  const [kind, setKind] = useState('');
  const [name, setName] = useState('');
  const [channel, setChannel] = useState('');
  const [config, setConfig] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const connector = connectors.find((entry) => entry.kind === (kind || connectors[0]?.kind));
  const fields: ConfigField[] = connector?.configFields ?? [];
  const shown = ['input.name', 'input.kind', 'input.channel', ...fields.map((field) => `input.config.${field.name}`), 'input.config'];
  const errors = graphErrors(state.error, shown);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const values = Object.fromEntries(fields.map((field) => [field.name, configValue(field, config[field.name] ?? '')]).filter(([, value]) => value !== undefined));
    const result = await run({ input: { name, kind: connector?.kind ?? kind, channel, config: values } });
    if (result.data) {
      setDone(`Added ${result.data.addChannelConnection.name}; its first sync has started.`);
      onAdded();
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-label="Add connection" noValidate>
      <h2>Add a connection</h2>
      <SelectField
        label="Connector"
        field="input.kind"
        errors={errors.byField}
        value={connector?.kind ?? ''}
        onChange={(event) => {
          setKind(event.target.value);
          setConfig({});
        }}
        options={connectors.map((entry) => ({ value: entry.kind, label: entry.displayName }))}
      />
      <InputField label="Name" field="input.name" errors={errors.byField} value={name} onChange={(event) => setName(event.target.value)} />
      <InputField label="Channel" field="input.channel" errors={errors.byField} value={channel} onChange={(event) => setChannel(event.target.value)} />
      <ConfigFieldset
        legend={`Configuration (${connector?.displayName ?? 'connector'})`}
        fields={fields}
        errors={errors.byField}
        value={(field) => config[field.name] ?? ''}
        onChange={(field, value) => setConfig({ ...config, [field]: value })}
      />
      <button type="submit" disabled={state.fetching}>
        Add connection
      </button>
      <MutationStatus fetching={state.fetching} general={errors.general} done={done} />
    </form>
  );
}
