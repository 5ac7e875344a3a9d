// Editing a webhook endpoint: where it posts, which events it takes, whether it is active. Only what
// changed is sent (updateWebhookEndpoint keeps fields left out); the hub's errors sit beside their field.
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { InputField } from '../components/field';
import { MutationStatus } from '../components/mutation-status';
import { graphErrors } from '../graph/errors';

const UpdateEndpointMutation = graphql(`
  mutation UpdateWebhookEndpoint($id: ID!, $input: UpdateWebhookEndpointInput!) {
    updateWebhookEndpoint(id: $id, input: $input) {
      id
      url
      eventTypes
      active
      updatedAt
    }
  }
`);

interface EndpointView {
  id: string;
  url: string;
  eventTypes: string[];
  active: boolean;
}

export function EditEndpoint({ endpoint, eventTypes, onClose }: { endpoint: EndpointView; eventTypes: string[]; onClose: () => void }) {
  const [state, save] = useMutation(UpdateEndpointMutation);
  const [url, setUrl] = useState(endpoint.url);
  const [chosen, setChosen] = useState<string[]>(endpoint.eventTypes);
  const [active, setActive] = useState(endpoint.active);
  const [done, setDone] = useState<string | null>(null);
  const errors = graphErrors(state.error, ['input.url', 'input.eventTypes', 'input.active']);
  // The endpoint's own patterns (`orders.order.*`) stay choosable next to the exact types.
  const choices = [...new Set([...eventTypes, ...endpoint.eventTypes])];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const input = {
      ...(url !== endpoint.url ? { url } : {}),
      ...(sameSet(chosen, endpoint.eventTypes) ? {} : { eventTypes: chosen }),
      ...(active !== endpoint.active ? { active } : {}),
    };
    if (Object.keys(input).length === 0) return setDone('Nothing changed.');
    const result = await save({ id: endpoint.id, input });
    if (result.data) setDone(`Saved ${result.data.updateWebhookEndpoint.url}.`);
  };
  return (
    <form className="card" onSubmit={submit} aria-label="Edit endpoint" noValidate>
      <h2>Edit endpoint</h2>
      <InputField label="URL" field="input.url" errors={errors.byField} type="url" value={url} onChange={(event) => setUrl(event.target.value)} />
      <fieldset aria-invalid={Boolean(errors.byField['input.eventTypes'])}>
        <legend>Event types</legend>
        {choices.map((type) => (
          <label key={type} className="check">
            <input type="checkbox" checked={chosen.includes(type)} onChange={(event) => setChosen(event.target.checked ? [...chosen, type] : chosen.filter((entry) => entry !== type))} /> {type}
          </label>
        ))}
        {errors.byField['input.eventTypes'] && (
          <p className="field-error" role="alert" data-error-for="input.eventTypes">
            {errors.byField['input.eventTypes']}
          </p>
        )}
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={active} onChange={(event) => setActive(event.target.checked)} /> Active (receives deliveries)
      </label>
      <div className="actions">
        <button type="submit" disabled={state.fetching}>
          Save endpoint
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <MutationStatus fetching={state.fetching} general={errors.general} done={done} />
    </form>
  );
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((entry) => b.includes(entry));
}
