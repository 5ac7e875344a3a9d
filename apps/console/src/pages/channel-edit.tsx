// Changing a connection's settings: name, sync interval, stock buffer and its config, with the fields
// from the connector's own schema like the add form. Credentials are never shown: a password field
// left empty keeps the stored one. Pointing the connection elsewhere (a new base URL) needs them
// again; the hub then names the credential field, and the error is shown beside it.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { InputField } from '../components/field';
import { ConfigFieldset } from './channel-config-fields';
import { MutationStatus } from '../components/mutation-status';
import { graphErrors } from '../graph/errors';
import { graphql } from '../gql';
import { ChannelConnectorsQuery } from './channel-queries';
import { configValue, type ConfigField } from './channel-config';

const UpdateConnectionMutation = graphql(`
  mutation UpdateConnection($id: ID!, $input: UpdateChannelConnectionInput!) {
    updateChannelConnection(id: $id, input: $input) {
      id
      name
      config
      stockBuffer
      syncIntervalSeconds
      health {
        ok
        message
      }
    }
  }
`);

interface ConnectionView {
  id: string;
  name: string;
  kind: string;
  config: unknown;
  stockBuffer: number;
  syncIntervalSeconds: number;
}

/** The stored value as the form shows it (credentials never: they come back "[redacted]"). */
function shown(field: ConfigField, value: unknown): string {
  if (field.secret || value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function EditConnection({ connection, onSaved }: { connection: ConnectionView; onSaved: () => void }) {
  const [{ data }] = useQuery({ query: ChannelConnectorsQuery });
  const [state, save] = useMutation(UpdateConnectionMutation);
  const fields: ConfigField[] = data?.channelConnectors.find((entry) => entry.kind === connection.kind)?.configFields ?? [];
  const stored = (connection.config ?? {}) as Record<string, unknown>;
  const [name, setName] = useState(connection.name);
  const [interval, setSyncInterval] = useState(String(connection.syncIntervalSeconds));
  const [buffer, setBuffer] = useState(String(connection.stockBuffer));
  const [config, setConfig] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const errors = graphErrors(state.error, ['input.name', 'input.syncIntervalSeconds', 'input.stockBuffer', ...fields.map((field) => `input.config.${field.name}`), 'input.config']);
  const valueOf = (field: ConfigField) => config[field.name] ?? shown(field, stored[field.name]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    // Only what changed: a credential typed in, a setting that differs from the stored one.
    const changedConfig = Object.fromEntries(
      fields
        .filter((field) => config[field.name] !== undefined && config[field.name] !== shown(field, stored[field.name]))
        .map((field) => [field.name, configValue(field, config[field.name])])
        .filter(([, value]) => value !== undefined),
    );
    const input = {
      ...(name !== connection.name ? { name } : {}),
      ...(interval !== String(connection.syncIntervalSeconds) ? { syncIntervalSeconds: Number(interval) } : {}),
      ...(buffer !== String(connection.stockBuffer) ? { stockBuffer: Number(buffer) } : {}),
      ...(Object.keys(changedConfig).length ? { config: changedConfig } : {}),
    };
    if (Object.keys(input).length === 0) return setDone('Nothing changed.');
    const result = await save({ id: connection.id, input });
    if (result.data) {
      setConfig({});
      setDone(`Saved ${result.data.updateChannelConnection.name}${input.config ? '; the channel accepted the new settings' : ''}.`);
      onSaved();
    }
  };

  return (
    <details className="card">
      <summary>Edit settings</summary>
      <form onSubmit={submit} aria-label="Edit connection" noValidate>
        <InputField label="Name" field="input.name" errors={errors.byField} value={name} onChange={(event) => setName(event.target.value)} />
        <InputField label="Sync interval (seconds)" field="input.syncIntervalSeconds" errors={errors.byField} type="number" min={10} value={interval} onChange={(event) => setSyncInterval(event.target.value)} />
        <InputField label="Stock buffer (units)" field="input.stockBuffer" errors={errors.byField} type="number" min={0} value={buffer} onChange={(event) => setBuffer(event.target.value)} />
        <ConfigFieldset legend="Configuration" fields={fields} errors={errors.byField} value={valueOf} onChange={(field, value) => setConfig({ ...config, [field]: value })} editing />
        <button type="submit" disabled={state.fetching}>
          Save settings
        </button>
        <MutationStatus fetching={state.fetching} general={errors.general} done={done} />
      </form>
    </details>
  );
}
