// One connection: health, lag, counts, the current run with a progress bar that moves while it runs,
// run history, dead letters with retry, pause/resume, a manual sync and editing its settings.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { DeadLetterStatus } from '../gql/graphql';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { InputField } from '../components/field';
import { MutationStatus } from '../components/mutation-status';
import { StatusBadge } from '../components/status-badge';
import { dateTime, relativeSeconds } from '../components/format';
import { useUrlState } from '../components/use-url-state';
import { graphErrors } from '../graph/errors';
import { useViewer } from '../viewer';
import { EditConnection } from './channel-edit';
import { RunProgress } from './run-progress';
import { ChannelConnectionQuery, PauseConnectionMutation, ResumeConnectionMutation, RetryDeadLettersMutation, TriggerSyncMutation } from './channel-queries';

export function ChannelPage() {
  const { id = '' } = useParams();
  const { can } = useViewer();
  const [state, update] = useUrlState<'letters'>();
  const letterStatus = (state.letters as DeadLetterStatus | undefined) ?? null;
  const [{ data, error }, reload] = useQuery({ query: ChannelConnectionQuery, variables: { id, letterStatus }, requestPolicy: 'cache-and-network' });
  const connection = data?.channelConnection;
  const running = connection?.currentRun?.status === 'RUNNING';
  const retrying = connection?.deadLetters.edges.some(({ node }) => node.status === 'RETRYING');
  // Retries have no subscription: poll while one is going (the current run watches itself, RunProgress).
  useEffect(() => {
    if (!retrying) return;
    const timer = setInterval(() => reload({ requestPolicy: 'network-only' }), 1000);
    return () => clearInterval(timer);
  }, [retrying, reload]);
  const refresh = useCallback(() => reload({ requestPolicy: 'network-only' }), [reload]);

  if (error && !connection) return <p role="alert">{graphErrors(error).general.join(' ')}</p>;
  if (!connection) return <p role="status">Loading…</p>;
  return (
    <article aria-labelledby="channel-title">
      <p>
        <Link to="/channels">← Channels</Link>
      </p>
      <h1 id="channel-title">
        {connection.name} <StatusBadge status={connection.status} />
      </h1>
      <dl className="facts">
        <dt>Channel</dt>
        <dd>
          {connection.channel} ({connection.kind})
        </dd>
        <dt>Health</dt>
        <dd className={connection.health.ok ? 'ok' : 'bad'}>
          {connection.health.ok ? 'OK' : (connection.health.message ?? 'failing')} · checked {dateTime(connection.health.lastCheckAt)}
        </dd>
        {(connection.statusReason || connection.parkedReason) && (
          <>
            <dt>Why {connection.status.toLowerCase()}</dt>
            <dd>{connection.parkedReason ?? connection.statusReason}</dd>
          </>
        )}
        <dt>Last sync</dt>
        <dd>
          {dateTime(connection.lastSyncAt)} (last success {dateTime(connection.lastSuccessAt)}, next {dateTime(connection.nextSyncAt)})
        </dd>
        <dt>Lag</dt>
        <dd>
          sync {relativeSeconds(connection.lag.syncSeconds)} · {connection.lag.pendingStockSkus} SKUs of stock and {connection.lag.pendingFulfillments} fulfillments to push · outbound {relativeSeconds(connection.lag.outboundSeconds)}
        </dd>
        <dt>Counts</dt>
        <dd>
          {connection.counts.imported} imported · {connection.counts.unchanged} unchanged · {connection.counts.cancelled} cancelled · {connection.counts.pushedStock} stock pushes · {connection.counts.pushedFulfillments} fulfillment pushes · {connection.counts.webhooksReceived} webhooks
        </dd>
      </dl>
      {can.manageChannels && <ConnectionActions id={connection.id} status={connection.status} onChanged={refresh} />}
      {can.manageChannels && <EditConnection connection={connection} onSaved={refresh} />}

      <h2>Current run</h2>
      <RunProgress connectionId={connection.id} running={running} onFinished={refresh} />

      <h2>Run history</h2>
      <table className="list" aria-label="Runs">
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Stream</th>
            <th scope="col">Trigger</th>
            <th scope="col">Status</th>
            <th scope="col">Read</th>
            <th scope="col">Imported</th>
            <th scope="col">Dead-lettered</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {/* The running one is under "Current run", with counts that move; history is what has finished. */}
          {connection.runs
            .filter((entry) => entry.status !== 'RUNNING')
            .map((entry) => (
              <tr key={entry.id}>
                <td>{dateTime(entry.startedAt)}</td>
                <td>{entry.stream}</td>
                <td>{entry.trigger}</td>
                <td>
                  <StatusBadge status={entry.status} />
                </td>
                <td className="num">{entry.progress.read}</td>
                <td className="num">{entry.progress.imported}</td>
                <td className="num">{entry.progress.deadLettered}</td>
                <td>{entry.error ?? ''}</td>
              </tr>
            ))}
        </tbody>
      </table>

      <DeadLetters
        connectionId={connection.id}
        deadLetters={connection.deadLetters.edges.map((edge) => edge.node)}
        status={letterStatus}
        onStatus={(status) => update({ letters: status })}
        canRetry={can.manageChannels}
        onChanged={refresh}
      />
    </article>
  );
}

function ConnectionActions({ id, status, onChanged }: { id: string; status: string; onChanged: () => void }) {
  const [pauseState, pause] = useMutation(PauseConnectionMutation);
  const [resumeState, resume] = useMutation(ResumeConnectionMutation);
  const [syncState, sync] = useMutation(TriggerSyncMutation);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const states = [pauseState, resumeState, syncState];
  const errors = graphErrors(states.find((state) => state.error)?.error, ['reason']);
  const fetching = states.some((state) => state.fetching);
  async function act(run: () => Promise<{ error?: unknown }>, what: string) {
    setDone(null);
    const result = await run();
    if (!result.error) {
      setDone(what);
      onChanged();
    }
  }
  const submitPause = (event: FormEvent) => {
    event.preventDefault();
    void act(() => pause({ id, reason: reason || undefined }), 'Paused.');
  };
  return (
    <div className="card actions">
      {status === 'ACTIVE' ? (
        <form onSubmit={submitPause} className="inline-form" aria-label="Pause connection">
          <InputField label="Pause reason" field="reason" errors={errors.byField} value={reason} onChange={(event) => setReason(event.target.value)} />
          <button type="submit" disabled={fetching}>
            Pause
          </button>
        </form>
      ) : (
        <button type="button" disabled={fetching} onClick={() => act(() => resume({ id }), 'Resumed.')}>
          Resume
        </button>
      )}
      <button type="button" disabled={fetching} onClick={() => act(() => sync({ id }), 'Sync started.')}>
        Sync now
      </button>
      <MutationStatus fetching={fetching} general={errors.general} done={done} />
    </div>
  );
}

interface DeadLetterView {
  id: string;
  channelRecordId: string;
  stream: string;
  stage: string;
  reason: string;
  status: string;
  attempts: number;
  updatedAt: string;
}

interface DeadLettersProps {
  connectionId: string;
  deadLetters: DeadLetterView[];
  /** Which letters are listed; null: open and retrying ones (the hub's default). */
  status: DeadLetterStatus | null;
  onStatus: (status: DeadLetterStatus | null) => void;
  canRetry: boolean;
  onChanged: () => void;
}

function DeadLetters({ connectionId, deadLetters, status, onStatus, canRetry, onChanged }: DeadLettersProps) {
  const [state, retry] = useMutation(RetryDeadLettersMutation);
  const [done, setDone] = useState<string | null>(null);
  const errors = graphErrors(state.error);
  const open = deadLetters.filter((letter) => letter.status === 'OPEN');
  async function retryThese(ids: string[] | undefined) {
    setDone(null);
    const result = await retry({ connectionId, ids });
    if (result.data) {
      const letters = result.data.retryDeadLetters;
      const resolved = letters.filter((letter) => letter.status === 'RESOLVED').length;
      setDone(`Retried ${letters.length} dead letter(s): ${resolved} resolved, ${letters.length - resolved} still open or retrying.`);
      onChanged();
    }
  }
  return (
    <section aria-labelledby="dead-letters-title">
      <h2 id="dead-letters-title">Dead letters</h2>
      <label>
        Show{' '}
        <select value={status ?? ''} onChange={(event) => onStatus((event.target.value || null) as DeadLetterStatus | null)}>
          <option value="">Open and retrying</option>
          <option value="OPEN">Open</option>
          <option value="RETRYING">Retrying</option>
          <option value="RESOLVED">Resolved</option>
        </select>
      </label>{' '}
      {canRetry && open.length > 1 && (
        <button type="button" disabled={state.fetching} onClick={() => retryThese(undefined)}>
          Retry all open
        </button>
      )}
      <MutationStatus fetching={state.fetching} general={errors.general} done={done} />
      <table className="list" aria-label="Dead letters">
        <thead>
          <tr>
            <th scope="col">Record</th>
            <th scope="col">Stream</th>
            <th scope="col">Stage</th>
            <th scope="col">What failed</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Updated</th>
            {canRetry && <th scope="col">Action</th>}
          </tr>
        </thead>
        <tbody>
          {deadLetters.map((letter) => (
            <tr key={letter.id} data-dead-letter-id={letter.id}>
              <td>{letter.channelRecordId}</td>
              <td>{letter.stream}</td>
              <td>{letter.stage}</td>
              <td className="reason">{letter.reason}</td>
              <td>
                <StatusBadge status={letter.status} />
              </td>
              <td className="num">{letter.attempts}</td>
              <td>{dateTime(letter.updatedAt)}</td>
              {canRetry && (
                <td>
                  {letter.status === 'OPEN' && (
                    <button type="button" disabled={state.fetching} onClick={() => retryThese([letter.id])} aria-label={`Retry ${letter.channelRecordId}`}>
                      Retry
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
