// Small pieces every channel simulator's HTTP server needs to record what it was sent.

/** A request's query string as a person reads it in a recorded request (`filter=a:[1..2]`), undecodable text kept as sent. */
export function recordedQuery(url: URL): string {
  const query = url.search.replace(/^\?/, '');
  try {
    return decodeURIComponent(query.replace(/\+/g, ' '));
  } catch {
    return query;
  }
}
