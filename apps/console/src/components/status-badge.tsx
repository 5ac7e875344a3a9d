export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status.toLowerCase()}`} data-status={status}>{status.replace(/_/g, ' ')}</span>;
}
