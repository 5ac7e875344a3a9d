// Every mutation shows that it is running, then what came of it; errors that name no control go here.
interface MutationStatusProps {
  fetching: boolean;
  general: string[];
  /** Shown after a successful run. */
  done?: string | null;
}

export function MutationStatus({ fetching, general, done }: MutationStatusProps) {
  if (fetching) return <p className="status status-progress" role="status">Working…</p>;
  if (general.length)
    return (
      <div className="status status-error" role="alert">
        {general.map((message) => (
          <p key={message}>{message}</p>
        ))}
      </div>
    );
  if (done) return <p className="status status-done" role="status">{done}</p>;
  return null;
}
