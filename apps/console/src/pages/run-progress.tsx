// The connection's current sync run, live: its own small query polled every second while the run is
// going (sync runs have no subscription; every few seconds while idle, so a scheduled run shows up),
// so the bar and counts move without reloading the page's run history and dead letters; when the run
// ends the page is told to refresh those.
import { useEffect, useRef } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { dateTime } from '../components/format';
import { StatusBadge } from '../components/status-badge';

const POLL_MS = 1000;
/** While idle, a run the schedule (or someone else) starts shows up within this. */
const IDLE_POLL_MS = 5000;

const CurrentRunQuery = graphql(`
  query CurrentRun($id: ID!) {
    channelConnection(id: $id) {
      id
      currentRun {
        id
        stream
        trigger
        status
        startedAt
        progress {
          batches
          read
          imported
          created
          unchanged
          deadLettered
        }
      }
      runs(first: 1) {
        id
        status
        finishedAt
        error
        progress {
          read
          imported
          deadLettered
        }
      }
    }
  }
`);

/** `running`: the page saw a run going (e.g. after "Sync now"), so this starts watching it. */
export function RunProgress({ connectionId, running, onFinished }: { connectionId: string; running: boolean; onFinished: () => void }) {
  const [{ data }, reload] = useQuery({ query: CurrentRunQuery, variables: { id: connectionId }, requestPolicy: 'network-only' });
  const run = data?.channelConnection?.currentRun ?? null;
  const live = run?.status === 'RUNNING';
  const wasLive = useRef(false);

  useEffect(() => {
    if (running && !live) reload({ requestPolicy: 'network-only' });
    // Only when the page's view changes (`live` is left out: it catching up must not fetch again).
  }, [running, reload]);

  useEffect(() => {
    if (!live && wasLive.current) onFinished();
    wasLive.current = live;
    const timer = setInterval(() => reload({ requestPolicy: 'network-only' }), live ? POLL_MS : IDLE_POLL_MS);
    return () => clearInterval(timer);
  }, [live, reload, onFinished]);

  const last = data?.channelConnection?.runs[0];
  if (!run || !live)
    return (
      <div className="run" aria-label="Current run">
        <p>No run in progress.</p>
        {last && last.status !== 'RUNNING' && (
          <p data-testid="last-run">
            Last run <StatusBadge status={last.status} /> finished {dateTime(last.finishedAt)}: {last.progress.read} read · {last.progress.imported} imported · {last.progress.deadLettered} dead-lettered
            {last.error ? ` · ${last.error}` : ''}
          </p>
        )}
      </div>
    );
  return (
    <div className="run" aria-label="Current run" data-run-id={run.id}>
      <p>
        {run.stream} · {run.trigger} · <StatusBadge status={run.status} /> · started {dateTime(run.startedAt)}
      </p>
      {/* The channel does not say how many records a run will read, so the bar shows activity and the counts move under it. */}
      <progress aria-label="Sync progress" aria-valuetext={`${run.progress.read} records read`} />
      <p role="status" data-testid="run-progress" data-read={run.progress.read} data-batches={run.progress.batches}>
        batch {run.progress.batches} · {run.progress.read} read · {run.progress.created} created · {run.progress.unchanged} unchanged · {run.progress.deadLettered} dead-lettered
      </p>
    </div>
  );
}
