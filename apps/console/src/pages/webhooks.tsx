// Webhooks: endpoints (register, send a test, rotate the secret), and the delivery log of the chosen
// endpoint (?endpoint= in the URL) with every attempt and a redeliver action.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { InputField } from '../components/field';
import { MutationStatus } from '../components/mutation-status';
import { StatusBadge } from '../components/status-badge';
import { dateTime } from '../components/format';
import { useUrlState } from '../components/use-url-state';
import { graphErrors } from '../graph/errors';
import { EditEndpoint } from './webhook-edit';

const WebhookEndpointsQuery = graphql(`
  query WebhookEndpoints {
    webhookEndpoints(includeInactive: true) {
      id
      url
      eventTypes
      channels
      active
      secretPrefix
      owner
      createdAt
    }
    webhookEventTypes
  }
`);
const WebhookDeliveriesQuery = graphql(`
  query WebhookDeliveries($endpointId: ID, $first: Int) {
    webhookDeliveries(endpointId: $endpointId, first: $first) {
      totalCount
      edges {
        node {
          id
          eventType
          orderId
          status
          attempts
          lastStatusCode
          lastError
          nextAttemptAt
          deliveredAt
          createdAt
          attemptLog {
            number
            at
            statusCode
            error
            durationMs
            manual
          }
        }
      }
    }
  }
`);
const RegisterEndpointMutation = graphql(`
  mutation RegisterWebhookEndpoint($input: RegisterWebhookEndpointInput!) {
    registerWebhookEndpoint(input: $input) {
      secret
      endpoint {
        id
        url
      }
    }
  }
`);
const RotateSecretMutation = graphql(`
  mutation RotateWebhookSecret($id: ID!) {
    rotateWebhookSecret(id: $id) {
      secret
      endpoint {
        id
        secretPrefix
      }
    }
  }
`);
const SendTestMutation = graphql(`
  mutation SendTestWebhook($endpointId: ID!) {
    sendTestWebhook(endpointId: $endpointId) {
      id
      status
    }
  }
`);
const RedeliverMutation = graphql(`
  mutation RedeliverWebhook($deliveryId: ID!) {
    redeliverWebhook(deliveryId: $deliveryId) {
      id
      status
      attempts
    }
  }
`);

export function WebhooksPage() {
  const [state, update] = useUrlState<'endpoint' | 'edit'>();
  const [{ data, error }, reload] = useQuery({ query: WebhookEndpointsQuery });
  const [rotateState, rotate] = useMutation(RotateSecretMutation);
  const [testState, sendTest] = useMutation(SendTestMutation);
  const [secret, setSecret] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const fetching = rotateState.fetching || testState.fetching;
  const general = graphErrors(rotateState.error ?? testState.error).general;
  const editing = data?.webhookEndpoints.find((endpoint) => endpoint.id === state.edit);
  return (
    <section aria-labelledby="webhooks-title">
      <h1 id="webhooks-title">Webhooks</h1>
      {error && <p role="alert">{graphErrors(error).general.join(' ')}</p>}
      <table className="list" aria-label="Webhook endpoints">
        <thead>
          <tr>
            <th scope="col">URL</th>
            <th scope="col">Events</th>
            <th scope="col">Channels</th>
            <th scope="col">Active</th>
            <th scope="col">Secret</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {data?.webhookEndpoints.map((endpoint) => (
            <tr key={endpoint.id} className={endpoint.id === state.endpoint ? 'selected' : undefined}>
              <td>
                <Link to={`?endpoint=${endpoint.id}`}>{endpoint.url}</Link>
              </td>
              <td>{endpoint.eventTypes.join(', ')}</td>
              <td>{endpoint.channels.join(', ') || 'all'}</td>
              <td>{endpoint.active ? 'yes' : 'no'}</td>
              <td>
                <code>{endpoint.secretPrefix}…</code>
              </td>
              <td className="actions">
                <button
                  type="button"
                  disabled={fetching}
                  onClick={async () => {
                    setDone(null);
                    const result = await sendTest({ endpointId: endpoint.id });
                    if (result.data) {
                      setDone(`Test delivery ${result.data.sendTestWebhook.status.toLowerCase()}.`);
                      update({ endpoint: endpoint.id });
                    }
                  }}
                >
                  Send test
                </button>
                <button
                  type="button"
                  disabled={fetching}
                  onClick={async () => {
                    setSecret(null);
                    const result = await rotate({ id: endpoint.id });
                    if (result.data) setSecret(result.data.rotateWebhookSecret.secret);
                  }}
                >
                  Rotate secret
                </button>
                <button type="button" onClick={() => update({ edit: endpoint.id })}>
                  Edit
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <MutationStatus fetching={fetching} general={general} done={done} />
      {secret && <NewSecret secret={secret} />}
      {editing && <EditEndpoint key={editing.id} endpoint={editing} eventTypes={data?.webhookEventTypes ?? []} onClose={() => update({ edit: null })} />}
      <RegisterEndpoint eventTypes={data?.webhookEventTypes ?? []} onRegistered={() => reload({ requestPolicy: 'network-only' })} />
      {state.endpoint && <Deliveries endpointId={state.endpoint} />}
    </section>
  );
}

function NewSecret({ secret }: { secret: string }) {
  return (
    <div className="secret" role="status">
      <p>The signing secret, shown only once:</p>
      <code data-testid="new-secret">{secret}</code>
    </div>
  );
}

function RegisterEndpoint({ eventTypes, onRegistered }: { eventTypes: string[]; onRegistered: () => void }) {
  const [state, register] = useMutation(RegisterEndpointMutation);
  const [url, setUrl] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [secret, setSecret] = useState<string | null>(null);
  const errors = graphErrors(state.error, ['input.url', 'input.eventTypes', 'input.channels', 'input.selection']);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSecret(null);
    const result = await register({ input: { url, eventTypes: chosen } });
    if (result.data) {
      setSecret(result.data.registerWebhookEndpoint.secret);
      onRegistered();
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-label="Register endpoint" noValidate>
      <h2>Register an endpoint</h2>
      <InputField label="URL" field="input.url" errors={errors.byField} type="url" value={url} onChange={(event) => setUrl(event.target.value)} />
      <fieldset aria-invalid={Boolean(errors.byField['input.eventTypes'])}>
        <legend>Event types</legend>
        {eventTypes.map((type) => (
          <label key={type} className="check">
            <input type="checkbox" checked={chosen.includes(type)} onChange={(event) => setChosen(event.target.checked ? [...chosen, type] : chosen.filter((entry) => entry !== type))} /> {type}
          </label>
        ))}
        {errors.byField['input.eventTypes'] && <p className="field-error" role="alert">{errors.byField['input.eventTypes']}</p>}
      </fieldset>
      <button type="submit" disabled={state.fetching}>
        Register
      </button>
      <MutationStatus fetching={state.fetching} general={errors.general} />
      {secret && <NewSecret secret={secret} />}
    </form>
  );
}

function Deliveries({ endpointId }: { endpointId: string }) {
  const [{ data }, reload] = useQuery({ query: WebhookDeliveriesQuery, variables: { endpointId, first: 20 }, requestPolicy: 'cache-and-network' });
  const [state, redeliver] = useMutation(RedeliverMutation);
  const [done, setDone] = useState<string | null>(null);
  const redeliverOne = async (deliveryId: string) => {
    setDone(null);
    const result = await redeliver({ deliveryId });
    if (result.data) setDone(`Redelivered: ${result.data.redeliverWebhook.status.toLowerCase()} after ${result.data.redeliverWebhook.attempts} attempt(s).`);
  };
  return (
    <section aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">Deliveries</h2>
      <button type="button" onClick={() => reload({ requestPolicy: 'network-only' })}>
        Refresh
      </button>
      <MutationStatus fetching={state.fetching} general={graphErrors(state.error).general} done={done} />
      <table className="list" aria-label="Deliveries">
        <thead>
          <tr>
            <th scope="col">Created</th>
            <th scope="col">Event</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Last answer</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {data?.webhookDeliveries.edges.map(({ node }) => (
            <tr key={node.id}>
              <td>{dateTime(node.createdAt)}</td>
              <td>{node.eventType}</td>
              <td>
                <StatusBadge status={node.status} />
              </td>
              <td>
                <details>
                  <summary>{node.attempts}</summary>
                  <ol>
                    {node.attemptLog.map((attempt) => (
                      <li key={attempt.number}>
                        {dateTime(attempt.at)} · {attempt.statusCode ?? attempt.error ?? '—'} · {attempt.durationMs} ms{attempt.manual ? ' · manual' : ''}
                      </li>
                    ))}
                  </ol>
                </details>
              </td>
              <td>{node.lastStatusCode ?? node.lastError ?? '—'}</td>
              <td>
                <button type="button" disabled={state.fetching} onClick={() => redeliverOne(node.id)}>
                  Redeliver
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
