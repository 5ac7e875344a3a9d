// A shipment and the next move of its state machine: pick → pack → ship (carrier, tracking) → deliver.
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { InputField } from '../components/field';
import { MutationStatus } from '../components/mutation-status';
import { StatusBadge } from '../components/status-badge';
import { dateTime } from '../components/format';
import { graphErrors } from '../graph/errors';

const PickShipment = graphql(`
  mutation PickShipment($id: ID!) {
    pickShipment(id: $id) {
      id
      status
    }
  }
`);
const PackShipment = graphql(`
  mutation PackShipment($id: ID!) {
    packShipment(id: $id) {
      id
      status
    }
  }
`);
const ShipShipment = graphql(`
  mutation ShipShipment($input: ShipShipmentInput!) {
    shipShipment(input: $input) {
      id
      status
      carrier
      trackingNumber
    }
  }
`);
const DeliverShipment = graphql(`
  mutation DeliverShipment($id: ID!) {
    deliverShipment(id: $id) {
      id
      status
    }
  }
`);

const CancelShipment = graphql(`
  mutation CancelShipment($id: ID!, $reason: String!) {
    cancelShipment(id: $id, reason: $reason) {
      id
      status
      note
    }
  }
`);
const FlagShipmentException = graphql(`
  mutation FlagShipmentException($id: ID!, $reason: String!) {
    flagShipmentException(id: $id, reason: $reason) {
      id
      status
      note
    }
  }
`);

/** Statuses a shipment can still be cancelled from (it has not left the building). */
const CANCELLABLE = ['PENDING', 'PICKING', 'PACKED', 'EXCEPTION'];
/** Statuses a problem can be flagged in: anything before delivery that is not over already. */
const FLAGGABLE = ['PENDING', 'PICKING', 'PACKED', 'SHIPPED'];

interface ShipmentView {
  id: string;
  status: string;
  carrier?: string | null;
  service?: string | null;
  trackingNumber?: string | null;
  trackingUrl?: string | null;
  shippedAt?: string | null;
  deliveredAt?: string | null;
  note?: string | null;
  location: { name: string };
  lines: Array<{ sku: string; quantity: number }>;
}

const SHIP_FIELDS = ['input.carrier', 'input.trackingNumber', 'input.service'] as const;

export function ShipmentCard({ shipment, canOperate, onChanged }: { shipment: ShipmentView; canOperate: boolean; onChanged: () => void }) {
  const [pick, runPick] = useMutation(PickShipment);
  const [pack, runPack] = useMutation(PackShipment);
  const [ship, runShip] = useMutation(ShipShipment);
  const [deliver, runDeliver] = useMutation(DeliverShipment);
  const [cancel, runCancel] = useMutation(CancelShipment);
  const [flag, runFlag] = useMutation(FlagShipmentException);
  const [problem, setProblem] = useState('');
  const [carrier, setCarrier] = useState('DHL');
  const [trackingNumber, setTrackingNumber] = useState('');
  const [service, setService] = useState('');
  const [done, setDone] = useState<string | null>(null);

  const states = [pick, pack, ship, deliver, cancel, flag];
  const last = states.find((state) => state.fetching || state.error) ?? null;
  const errors = graphErrors(last?.error, [...SHIP_FIELDS, 'reason']);
  const fetching = states.some((state) => state.fetching);

  async function move(run: () => Promise<{ error?: unknown; data?: unknown }>, what: string) {
    setDone(null);
    const result = await run();
    if (!result.error) {
      setDone(what);
      onChanged();
    }
  }
  const submitShip = (event: FormEvent) => {
    event.preventDefault();
    void move(() => runShip({ input: { id: shipment.id, carrier, trackingNumber, service: service || undefined } }), `Shipped with ${carrier} ${trackingNumber}.`);
  };

  return (
    <section className="card" aria-label={`Shipment from ${shipment.location.name}`} data-shipment-id={shipment.id}>
      <h3>
        From {shipment.location.name} <StatusBadge status={shipment.status} />
      </h3>
      <p>{shipment.lines.map((line) => `${line.quantity} × ${line.sku}`).join(', ')}</p>
      {shipment.trackingNumber && (
        <p>
          {shipment.carrier} {shipment.service ?? ''}{' '}
          {shipment.trackingUrl ? (
            <a href={shipment.trackingUrl} rel="noreferrer" target="_blank">
              {shipment.trackingNumber}
            </a>
          ) : (
            shipment.trackingNumber
          )}{' '}
          · shipped {dateTime(shipment.shippedAt)}
          {shipment.deliveredAt && ` · delivered ${dateTime(shipment.deliveredAt)}`}
        </p>
      )}
      {shipment.note && <p className="note">{shipment.note}</p>}
      {canOperate && (
        <div className="actions">
          {shipment.status === 'PENDING' && (
            <button type="button" disabled={fetching} onClick={() => move(() => runPick({ id: shipment.id }), 'Picking started.')}>
              Pick
            </button>
          )}
          {shipment.status === 'PICKING' && (
            <button type="button" disabled={fetching} onClick={() => move(() => runPack({ id: shipment.id }), 'Packed.')}>
              Pack
            </button>
          )}
          {shipment.status === 'PACKED' && (
            <form onSubmit={submitShip} aria-label="Ship" className="inline-form" noValidate>
              <InputField label="Carrier" field="input.carrier" errors={errors.byField} value={carrier} onChange={(event) => setCarrier(event.target.value)} />
              <InputField label="Tracking number" field="input.trackingNumber" errors={errors.byField} value={trackingNumber} onChange={(event) => setTrackingNumber(event.target.value)} />
              <InputField label="Service" field="input.service" errors={errors.byField} value={service} onChange={(event) => setService(event.target.value)} />
              <button type="submit" disabled={fetching}>
                Ship
              </button>
            </form>
          )}
          {shipment.status === 'SHIPPED' && (
            <button type="button" disabled={fetching} onClick={() => move(() => runDeliver({ id: shipment.id }), 'Delivered.')}>
              Mark delivered
            </button>
          )}
          {(CANCELLABLE.includes(shipment.status) || FLAGGABLE.includes(shipment.status)) && (
            <form onSubmit={(event) => event.preventDefault()} aria-label="Shipment problem" className="inline-form" noValidate>
              <InputField label="Problem" field="reason" errors={errors.byField} value={problem} placeholder="damaged parcel, lost in transit…" onChange={(event) => setProblem(event.target.value)} />
              {FLAGGABLE.includes(shipment.status) && (
                <button type="button" disabled={fetching} onClick={() => move(() => runFlag({ id: shipment.id, reason: problem }), 'Flagged as an exception.')}>
                  Flag exception
                </button>
              )}
              {CANCELLABLE.includes(shipment.status) && (
                <button type="button" disabled={fetching} onClick={() => move(() => runCancel({ id: shipment.id, reason: problem }), 'Shipment cancelled.')}>
                  Cancel shipment
                </button>
              )}
            </form>
          )}
          <MutationStatus fetching={fetching} general={errors.general} done={done} />
        </div>
      )}
    </section>
  );
}
