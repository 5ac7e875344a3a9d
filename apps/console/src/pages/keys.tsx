// API keys (admins only): create one (its secret is shown once, here), list, revoke.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { Role } from '../gql/graphql';
import { InputField, SelectField } from '../components/field';
import { MutationStatus } from '../components/mutation-status';
import { dateTime } from '../components/format';
import { graphErrors } from '../graph/errors';

const ApiKeysQuery = graphql(`
  query ApiKeys {
    apiKeys(includeRevoked: true) {
      id
      name
      role
      channels
      prefix
      createdAt
      createdBy
      lastUsedAt
      revokedAt
    }
  }
`);
const CreateApiKeyMutation = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
      apiKey {
        id
        name
      }
    }
  }
`);
const RevokeApiKeyMutation = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
      revokedAt
    }
  }
`);

const ROLES: Role[] = ['ADMIN', 'STAFF', 'PARTNER', 'CUSTOMER', 'SERVICE'];

export function KeysPage() {
  const [{ data, error }] = useQuery({ query: ApiKeysQuery });
  const [revokeState, revoke] = useMutation(RevokeApiKeyMutation);
  const [revoked, setRevoked] = useState<string | null>(null);
  const revokeKey = async (key: { id: string; name: string }) => {
    if (!window.confirm(`Revoke ${key.name}?`)) return;
    setRevoked(null);
    const result = await revoke({ id: key.id });
    if (result.data) setRevoked(`Revoked ${key.name}; gateways stop accepting it within seconds.`);
  };
  return (
    <section aria-labelledby="keys-title">
      <h1 id="keys-title">API keys</h1>
      {error && <p role="alert">{graphErrors(error).general.join(' ')}</p>}
      <CreateKey />
      <MutationStatus fetching={revokeState.fetching} general={graphErrors(revokeState.error).general} done={revoked} />
      <table className="list" aria-label="API keys">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Channels</th>
            <th scope="col">Prefix</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {data?.apiKeys.map((key) => (
            <tr key={key.id}>
              <td>{key.name}</td>
              <td>{key.role}</td>
              <td>{key.channels.join(', ')}</td>
              <td>
                <code>{key.prefix}</code>
              </td>
              <td>
                {dateTime(key.createdAt)} by {key.createdBy}
              </td>
              <td>{dateTime(key.lastUsedAt)}</td>
              <td>
                {key.revokedAt ? (
                  `revoked ${dateTime(key.revokedAt)}`
                ) : (
                  <button type="button" disabled={revokeState.fetching} onClick={() => revokeKey(key)}>
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function CreateKey() {
  const [state, create] = useMutation(CreateApiKeyMutation);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('STAFF');
  const [channels, setChannels] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const errors = graphErrors(state.error, ['input.name', 'input.role', 'input.channels']);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSecret(null);
    const list = channels.split(',').map((channel) => channel.trim()).filter(Boolean);
    const result = await create({ input: { name, role, channels: list.length ? list : undefined } });
    if (result.data) setSecret(result.data.createApiKey.secret);
  };
  return (
    <form className="card" onSubmit={submit} aria-label="Create API key" noValidate>
      <h2>Create a key</h2>
      <InputField label="Name" field="input.name" errors={errors.byField} value={name} onChange={(event) => setName(event.target.value)} />
      <SelectField label="Role" field="input.role" errors={errors.byField} value={role} onChange={(event) => setRole(event.target.value as Role)} options={ROLES.map((entry) => ({ value: entry, label: entry }))} />
      <InputField label="Channels (comma-separated, partners)" field="input.channels" errors={errors.byField} value={channels} onChange={(event) => setChannels(event.target.value)} />
      <button type="submit" disabled={state.fetching}>
        Create key
      </button>
      <MutationStatus fetching={state.fetching} general={errors.general} />
      {secret && (
        <div className="secret" role="status">
          <p>Copy this secret now: it is shown only once.</p>
          <code data-testid="new-secret">{secret}</code>
        </div>
      )}
    </form>
  );
}
