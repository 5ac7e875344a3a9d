import { dateTime } from '../components/format';

interface Entry {
  at: string;
  type: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  note?: string | null;
  actor: string;
}

/** The order's event history, oldest first, as the orders event log recorded it. */
export function Timeline({ entries }: { entries: Entry[] }) {
  return (
    <ol className="timeline" aria-label="Order history">
      {entries.map((entry, index) => (
        <li key={index}>
          <time dateTime={entry.at}>{dateTime(entry.at)}</time> <strong>{entry.type}</strong>
          {entry.toStatus && (
            <span>
              {' '}
              {entry.fromStatus ?? '—'} → {entry.toStatus}
            </span>
          )}
          {entry.note && <span> · {entry.note}</span>} <span className="actor">by {entry.actor}</span>
        </li>
      ))}
    </ol>
  );
}
