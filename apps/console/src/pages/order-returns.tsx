// Returns (RMA): request for shipped units, approve, receive each line with its condition, refund.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { ReturnCondition } from '../gql/graphql';
import { InputField, SelectField } from '../components/field';
import { MutationStatus } from '../components/mutation-status';
import { StatusBadge } from '../components/status-badge';
import { graphErrors } from '../graph/errors';

const RequestReturnMutation = graphql(`
  mutation RequestReturn($input: RequestReturnInput!) {
    requestReturn(input: $input) {
      id
      status
    }
  }
`);
const ApproveReturnMutation = graphql(`
  mutation ApproveReturn($id: ID!) {
    approveReturn(id: $id) {
      id
      status
    }
  }
`);
const RejectReturnMutation = graphql(`
  mutation RejectReturn($id: ID!, $reason: String!) {
    rejectReturn(id: $id, reason: $reason) {
      id
      status
    }
  }
`);
const ReceiveReturnMutation = graphql(`
  mutation ReceiveReturn($input: ReceiveReturnInput!) {
    receiveReturn(input: $input) {
      id
      status
    }
  }
`);
const RefundReturnMutation = graphql(`
  mutation RefundReturn($id: ID!) {
    refundReturn(id: $id) {
      id
      status
      refundAmount
    }
  }
`);
const ReturnLocationsQuery = graphql(`
  query ReturnLocations {
    locations(activeOnly: true) {
      id
      name
    }
  }
`);

interface ReturnView {
  id: string;
  rmaNumber: string;
  status: string;
  reason: string;
  /** Why it was rejected (or another step's note). */
  note?: string | null;
  refundAmount?: number | null;
  refundCurrency?: string | null;
  lines: Array<{ sku: string; quantity: number; receivedQuantity: number; condition?: string | null }>;
}

interface OrderView {
  id: string;
  lines: Array<{ sku: string; quantity: number }>;
  returns: ReturnView[];
}

export function Returns({ order, canOperate, onChanged }: { order: OrderView; canOperate: boolean; onChanged: () => void }) {
  return (
    <div className="cards">
      {order.returns.map((rma) => (
        <ReturnCard key={rma.id} rma={rma} canOperate={canOperate} onChanged={onChanged} />
      ))}
      {canOperate && <RequestReturn order={order} onChanged={onChanged} />}
    </div>
  );
}

function RequestReturn({ order, onChanged }: { order: OrderView; onChanged: () => void }) {
  const [state, run] = useMutation(RequestReturnMutation);
  const [sku, setSku] = useState(order.lines[0]?.sku ?? '');
  const [quantity, setQuantity] = useState('1');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const errors = graphErrors(state.error, ['input.lines', 'input.reason']);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const result = await run({ input: { orderId: order.id, lines: [{ sku, quantity: Number(quantity) }], reason } });
    if (!result.error) {
      setDone('Return requested.');
      onChanged();
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-label="Request return" noValidate>
      <h3>Request a return</h3>
      <SelectField label="Line" field="input.lines.sku" errors={errors.byField} value={sku} onChange={(event) => setSku(event.target.value)} options={order.lines.map((line) => ({ value: line.sku, label: line.sku }))} />
      <InputField label="Units" field="input.lines" errors={errors.byField} type="number" min={1} value={quantity} onChange={(event) => setQuantity(event.target.value)} />
      <InputField label="Reason" field="input.reason" errors={errors.byField} value={reason} onChange={(event) => setReason(event.target.value)} />
      <button type="submit" disabled={state.fetching}>
        Request return
      </button>
      <MutationStatus fetching={state.fetching} general={errors.general} done={done} />
    </form>
  );
}

function ReturnCard({ rma, canOperate, onChanged }: { rma: ReturnView; canOperate: boolean; onChanged: () => void }) {
  const [approveState, approve] = useMutation(ApproveReturnMutation);
  const [rejectState, reject] = useMutation(RejectReturnMutation);
  const [rejection, setRejection] = useState('');
  const [receiveState, receive] = useMutation(ReceiveReturnMutation);
  const [refundState, refund] = useMutation(RefundReturnMutation);
  const [locations] = useQuery({ query: ReturnLocationsQuery, pause: !canOperate || rma.status !== 'APPROVED' });
  const [condition, setCondition] = useState<ReturnCondition>('RESTOCK');
  const [locationId, setLocationId] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const states = [approveState, rejectState, receiveState, refundState];
  const fetching = states.some((state) => state.fetching);
  const errors = graphErrors(states.find((state) => state.error)?.error, ['input.lines', 'reason']);
  const location = locationId || locations.data?.locations[0]?.id || '';

  async function act(run: () => Promise<{ error?: unknown }>, what: string) {
    setDone(null);
    const result = await run();
    if (!result.error) {
      setDone(what);
      onChanged();
    }
  }
  const submitReceive = (event: FormEvent) => {
    event.preventDefault();
    const lines = rma.lines.map((line) => ({ sku: line.sku, quantity: line.quantity - line.receivedQuantity, condition, locationId: condition === 'RESTOCK' ? location : undefined }));
    void act(() => receive({ input: { id: rma.id, lines } }), 'Received.');
  };

  return (
    <section className="card" aria-label={`Return ${rma.rmaNumber}`}>
      <h3>
        {rma.rmaNumber} <StatusBadge status={rma.status} />
      </h3>
      <p>
        {rma.lines.map((line) => `${line.quantity} × ${line.sku}${line.receivedQuantity ? ` (received ${line.receivedQuantity}, ${line.condition})` : ''}`).join(', ')} · {rma.reason}
      </p>
      {rma.status === 'REJECTED' && rma.note && <p className="note">Rejected: {rma.note}</p>}
      {rma.refundAmount != null && (
        <p>
          Refunded {(rma.refundAmount / 100).toFixed(2)} {rma.refundCurrency}
        </p>
      )}
      {canOperate && (
        <div className="actions">
          {rma.status === 'REQUESTED' && (
            <button type="button" disabled={fetching} onClick={() => act(() => approve({ id: rma.id }), 'Approved.')}>
              Approve
            </button>
          )}
          {rma.status === 'REQUESTED' && (
            <form
              aria-label="Reject return"
              className="inline-form"
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                void act(() => reject({ id: rma.id, reason: rejection }), 'Rejected.');
              }}
            >
              <InputField label="Why rejected" field="reason" errors={errors.byField} value={rejection} onChange={(event) => setRejection(event.target.value)} />
              <button type="submit" disabled={fetching}>
                Reject
              </button>
            </form>
          )}
          {rma.status === 'APPROVED' && (
            <form onSubmit={submitReceive} aria-label="Receive return" className="inline-form" noValidate>
              <SelectField label="Condition" field="input.lines.condition" errors={errors.byField} value={condition} onChange={(event) => setCondition(event.target.value as ReturnCondition)} options={[{ value: 'RESTOCK', label: 'Restock' }, { value: 'DAMAGED', label: 'Damaged' }]} />
              {condition === 'RESTOCK' && (
                <SelectField label="Restock at" field="input.lines.locationId" errors={errors.byField} value={location} onChange={(event) => setLocationId(event.target.value)} options={(locations.data?.locations ?? []).map((entry) => ({ value: entry.id, label: entry.name }))} />
              )}
              <button type="submit" disabled={fetching}>
                Receive
              </button>
            </form>
          )}
          {rma.status === 'RECEIVED' && (
            <button type="button" disabled={fetching} onClick={() => act(() => refund({ id: rma.id }), 'Refunded.')}>
              Refund
            </button>
          )}
          <MutationStatus fetching={fetching} general={errors.general} done={done} />
        </div>
      )}
    </section>
  );
}
