// Inventory: stock by SKU × location, and for the chosen SKU (?sku= in the URL) an adjustment with a
// reason, the movement ledger and the backordered orders waiting for it.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { InputField, SelectField } from '../components/field';
import { MutationStatus } from '../components/mutation-status';
import { dateTime } from '../components/format';
import { useUrlState } from '../components/use-url-state';
import { graphErrors } from '../graph/errors';
import { useViewer } from '../viewer';
import { AdjustStockMutation, BackordersQuery, InventoryItemsQuery, StockLocationsQuery, StockMovementsQuery } from './inventory-queries';

type Params = 'sku' | 'after' | 'low';

export function InventoryPage() {
  const [state, update] = useUrlState<Params>();
  const [{ data, fetching, error }] = useQuery({ query: InventoryItemsQuery, variables: { first: 50, after: state.after ?? null } });
  const items = data?.inventoryItems.edges.map((edge) => edge.node) ?? [];
  const lowOnly = state.low === '1';
  const shown = lowOnly ? items.filter((item) => item.stock.some((level) => level.available <= level.safetyStock)) : items;
  return (
    <section aria-labelledby="inventory-title">
      <h1 id="inventory-title">Inventory</h1>
      {error && <p role="alert">{graphErrors(error).general.join(' ')}</p>}
      <p className="summary" role="status">
        {fetching ? 'Loading…' : `${data?.inventoryItems.totalCount ?? 0} SKUs`}{' '}
        <label>
          <input type="checkbox" checked={lowOnly} onChange={(event) => update({ low: event.target.checked ? '1' : null })} /> Low stock only
        </label>
      </p>
      <table className="list" aria-label="Stock by SKU and location">
        <thead>
          <tr>
            <th scope="col">SKU</th>
            <th scope="col">Name</th>
            <th scope="col">Location</th>
            <th scope="col">On hand</th>
            <th scope="col">Reserved</th>
            <th scope="col">Available</th>
            <th scope="col">Safety stock</th>
          </tr>
        </thead>
        <tbody>
          {shown.flatMap((item) =>
            (item.stock.length ? item.stock : [null]).map((level, index) => (
              <tr key={`${item.sku}-${level?.location.id ?? 'none'}`} className={item.sku === state.sku ? 'selected' : undefined} data-sku={item.sku} data-location-id={level?.location.id}>
                <td>{index === 0 && <Link to={`?sku=${encodeURIComponent(item.sku)}`}>{item.sku}</Link>}</td>
                <td>{index === 0 && item.name}</td>
                <td>{level?.location.name ?? '—'}</td>
                <td className="num">{level?.onHand ?? 0}</td>
                <td className="num">{level?.reserved ?? 0}</td>
                <td className="num" data-testid="available">{level?.available ?? 0}</td>
                <td className="num">{level?.safetyStock ?? 0}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
      <nav className="pager" aria-label="Pages">
        <button type="button" disabled={!state.after} onClick={() => update({ after: null })}>
          First page
        </button>
        <button type="button" disabled={!data?.inventoryItems.pageInfo.hasNextPage} onClick={() => update({ after: data?.inventoryItems.pageInfo.endCursor ?? null })}>
          Next page
        </button>
      </nav>
      {state.sku && <SkuDetail sku={state.sku} />}
    </section>
  );
}

function SkuDetail({ sku }: { sku: string }) {
  const { can } = useViewer();
  const [movements, reloadMovements] = useQuery({ query: StockMovementsQuery, variables: { sku, first: 20 } });
  const [backorders] = useQuery({ query: BackordersQuery, variables: { first: 100 } });
  const waiting = backorders.data?.orders.edges.map((edge) => edge.node).filter((order) => order.lines.some((line) => line.sku === sku)) ?? [];
  return (
    <section aria-labelledby="sku-title" className="detail">
      <h2 id="sku-title">{sku}</h2>
      {can.operate && <AdjustStock sku={sku} onAdjusted={() => reloadMovements({ requestPolicy: 'network-only' })} />}
      <h3>Movements</h3>
      <table className="list" aria-label="Stock movements">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Location</th>
            <th scope="col">Kind</th>
            <th scope="col">On hand Δ</th>
            <th scope="col">Reserved Δ</th>
            <th scope="col">On hand after</th>
            <th scope="col">Reason</th>
            <th scope="col">By</th>
          </tr>
        </thead>
        <tbody>
          {movements.data?.stockMovements.edges.map(({ node }) => (
            <tr key={node.id}>
              <td>{dateTime(node.at)}</td>
              <td>{node.location.name}</td>
              <td>{node.kind}</td>
              <td className="num">{node.deltaOnHand}</td>
              <td className="num">{node.deltaReserved}</td>
              <td className="num">{node.onHandAfter}</td>
              <td>{[node.reason, node.reference].filter(Boolean).join(' · ')}</td>
              <td>{node.actor}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Backorders waiting for {sku}</h3>
      {waiting.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul aria-label="Backorders">
          {waiting.map((order) => (
            <li key={order.id}>
              <Link to={`/orders/${order.id}`}>{order.number}</Link> · {order.backorderedQuantity} units backordered · placed {dateTime(order.placedAt)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const ADJUST_FIELDS = ['input.locationId', 'input.delta', 'input.reason', 'input.reference'] as const;

function AdjustStock({ sku, onAdjusted }: { sku: string; onAdjusted: () => void }) {
  const [state, run] = useMutation(AdjustStockMutation);
  // Any active location: stock can be booked where the SKU has none yet.
  const [{ data }] = useQuery({ query: StockLocationsQuery });
  const locations = data?.locations ?? [];
  const [locationId, setLocationId] = useState('');
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const errors = graphErrors(state.error, ADJUST_FIELDS);
  const location = locationId || locations[0]?.id || '';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    // An empty or non-numeric delta is sent as 0 so the hub names the field in its answer.
    const result = await run({ input: { sku, locationId: location, delta: Number.parseInt(delta, 10) || 0, reason } }, { additionalTypenames: ['InventoryItem', 'StockLevel'] });
    if (result.data) {
      setDone(`Adjusted: ${result.data.adjustStock.onHand} on hand, ${result.data.adjustStock.available} available.`);
      onAdjusted();
    }
  };
  return (
    <form onSubmit={submit} aria-label="Adjust stock" className="card inline-form" noValidate>
      <h3>Adjust stock</h3>
      <SelectField label="Location" field="input.locationId" errors={errors.byField} value={location} onChange={(event) => setLocationId(event.target.value)} options={locations.map((entry) => ({ value: entry.id, label: entry.name }))} />
      <InputField label="Change (units, negative to remove)" field="input.delta" errors={errors.byField} type="number" value={delta} onChange={(event) => setDelta(event.target.value)} />
      <InputField label="Reason" field="input.reason" errors={errors.byField} value={reason} onChange={(event) => setReason(event.target.value)} />
      <button type="submit" disabled={state.fetching || !data}>
        Adjust
      </button>
      <MutationStatus fetching={state.fetching} general={errors.general} done={done} />
    </form>
  );
}
