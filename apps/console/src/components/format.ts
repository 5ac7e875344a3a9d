// Money is integer minor units plus an ISO-4217 currency; times are UTC ISO-8601 strings.
export function money(value: { amount: number; currency: string } | null | undefined): string {
  if (!value) return '—';
  return new Intl.NumberFormat('en', { style: 'currency', currency: value.currency }).format(value.amount / 100);
}

export function dateTime(value: string | null | undefined): string {
  if (!value) return '—';
  return new Date(value).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

export function relativeSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}
