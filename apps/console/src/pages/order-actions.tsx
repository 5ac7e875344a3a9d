// Order-level changes: cancel the order, cancel units of lines, record a payment authorisation or capture.
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { InputField, SelectField } from '../components/field';
import { MutationStatus } from '../components/mutation-status';
import { graphErrors } from '../graph/errors';

const CancelOrderMutation = graphql(`
  mutation CancelOrder($id: ID!, $reason: String!) {
    cancelOrder(id: $id, reason: $reason) {
      id
      status
    }
  }
`);
const CancelOrderLinesMutation = graphql(`
  mutation CancelOrderLines($id: ID!, $lines: [OrderLineQuantityInput!]!, $reason: String!) {
    cancelOrderLines(id: $id, lines: $lines, reason: $reason) {
      id
      status
    }
  }
`);
const AuthorizePaymentMutation = graphql(`
  mutation AuthorizePayment($input: PaymentInput!) {
    authorizePayment(input: $input) {
      id
      paymentStatus
    }
  }
`);
const CapturePaymentMutation = graphql(`
  mutation CapturePayment($input: PaymentInput!) {
    capturePayment(input: $input) {
      id
      paymentStatus
    }
  }
`);

export function CancelOrder({ orderId, status, onChanged }: { orderId: string; status: string; onChanged: () => void }) {
  const [state, run] = useMutation(CancelOrderMutation);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const errors = graphErrors(state.error, ['reason']);
  if (status === 'CANCELLED' || status === 'DELIVERED') return null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const result = await run({ id: orderId, reason });
    if (!result.error) {
      setDone('Order cancelled.');
      onChanged();
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-label="Cancel order" noValidate>
      <h3>Cancel order</h3>
      <InputField label="Reason" field="reason" errors={errors.byField} value={reason} onChange={(event) => setReason(event.target.value)} />
      <button type="submit" disabled={state.fetching}>
        Cancel order
      </button>
      <MutationStatus fetching={state.fetching} general={errors.general} done={done} />
    </form>
  );
}

export function CancelLines({ orderId, lines, onChanged }: { orderId: string; lines: Array<{ sku: string; quantity: number }>; onChanged: () => void }) {
  const [state, run] = useMutation(CancelOrderLinesMutation);
  const [sku, setSku] = useState(lines[0]?.sku ?? '');
  const [quantity, setQuantity] = useState('1');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const errors = graphErrors(state.error, ['lines', 'reason']);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const result = await run({ id: orderId, lines: [{ sku, quantity: Number(quantity) }], reason });
    if (!result.error) {
      setDone(`Cancelled ${quantity} × ${sku}.`);
      onChanged();
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-label="Cancel lines" noValidate>
      <h3>Cancel units of a line</h3>
      <SelectField label="Line" field="lines" errors={errors.byField} value={sku} onChange={(event) => setSku(event.target.value)} options={lines.map((line) => ({ value: line.sku, label: `${line.sku} (${line.quantity})` }))} />
      <InputField label="Units" field="lines.quantity" errors={errors.byField} type="number" min={1} value={quantity} onChange={(event) => setQuantity(event.target.value)} />
      <InputField label="Reason" field="reason" errors={errors.byField} value={reason} onChange={(event) => setReason(event.target.value)} />
      <button type="submit" disabled={state.fetching}>
        Cancel units
      </button>
      <MutationStatus fetching={state.fetching} general={errors.general} done={done} />
    </form>
  );
}

export function RecordPayment({ orderId, total, onChanged }: { orderId: string; total: { amount: number; currency: string }; onChanged: () => void }) {
  const [authorizeState, authorize] = useMutation(AuthorizePaymentMutation);
  const [captureState, capture] = useMutation(CapturePaymentMutation);
  const [kind, setKind] = useState<'authorize' | 'capture'>('authorize');
  const [amount, setAmount] = useState((total.amount / 100).toFixed(2));
  const [reference, setReference] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const state = kind === 'authorize' ? authorizeState : captureState;
  const errors = graphErrors(state.error, ['input.amount', 'input.reference']);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const input = { orderId, amount: Math.round(Number(amount) * 100), reference: reference || undefined };
    const result = kind === 'authorize' ? await authorize({ input }) : await capture({ input });
    if (!result.error) {
      setDone(kind === 'authorize' ? 'Authorisation recorded.' : 'Capture recorded.');
      onChanged();
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-label="Record payment" noValidate>
      <h3>Record a payment</h3>
      <SelectField label="Kind" field="kind" errors={{}} value={kind} onChange={(event) => setKind(event.target.value as 'authorize' | 'capture')} options={[{ value: 'authorize', label: 'Authorisation' }, { value: 'capture', label: 'Capture' }]} />
      <InputField label={`Amount (${total.currency})`} field="input.amount" errors={errors.byField} type="number" step="0.01" value={amount} onChange={(event) => setAmount(event.target.value)} />
      <InputField label="Provider reference" field="input.reference" errors={errors.byField} value={reference} onChange={(event) => setReference(event.target.value)} />
      <button type="submit" disabled={state.fetching}>
        Record
      </button>
      <MutationStatus fetching={state.fetching} general={errors.general} done={done} />
    </form>
  );
}
