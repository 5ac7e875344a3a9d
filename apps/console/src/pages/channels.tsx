// Channels: every connection's health, last sync, lag and current run at a glance; add a connection.
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { StatusBadge } from '../components/status-badge';
import { dateTime, relativeSeconds } from '../components/format';
import { graphErrors } from '../graph/errors';
import { useViewer } from '../viewer';
import { ChannelConnectionsQuery } from './channel-queries';
import { AddConnection } from './channel-add';

export function ChannelsPage() {
  const { can } = useViewer();
  const [{ data, fetching, error }, reload] = useQuery({ query: ChannelConnectionsQuery });
  const running = data?.channelConnections.some((connection) => connection.currentRun?.status === 'RUNNING');
  // Runs have no subscription: poll while one is running so its progress moves.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => reload({ requestPolicy: 'network-only' }), 1000);
    return () => clearInterval(timer);
  }, [running, reload]);
  return (
    <section aria-labelledby="channels-title">
      <h1 id="channels-title">Channels</h1>
      {error && <p role="alert">{graphErrors(error).general.join(' ')}</p>}
      {fetching && !data && <p role="status">Loading…</p>}
      <table className="list" aria-label="Channel connections">
        <thead>
          <tr>
            <th scope="col">Connection</th>
            <th scope="col">Channel</th>
            <th scope="col">Status</th>
            <th scope="col">Health</th>
            <th scope="col">Last sync</th>
            <th scope="col">Sync lag</th>
            <th scope="col">Imported</th>
            <th scope="col">Dead letters</th>
            <th scope="col">Current run</th>
          </tr>
        </thead>
        <tbody>
          {data?.channelConnections.map((connection) => (
            <tr key={connection.id} data-connection-id={connection.id}>
              <td>
                <Link to={`/channels/${connection.id}`}>{connection.name}</Link>
              </td>
              <td>
                {connection.channel} ({connection.kind})
              </td>
              <td>
                <StatusBadge status={connection.status} />
              </td>
              <td className={connection.health.ok ? 'ok' : 'bad'}>{connection.health.ok ? 'OK' : (connection.health.message ?? 'failing')}</td>
              <td>{dateTime(connection.lastSyncAt)}</td>
              <td>{relativeSeconds(connection.lag.syncSeconds)}</td>
              <td className="num">{connection.counts.imported}</td>
              <td className="num">{connection.counts.deadLetters}</td>
              <td>{connection.currentRun ? `${connection.currentRun.status} · ${connection.currentRun.progress.read} read` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {can.manageChannels && <AddConnection onAdded={() => reload({ requestPolicy: 'network-only' })} />}
    </section>
  );
}
