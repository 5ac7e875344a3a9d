// Every failure a connector meets is classified once, here, so the runtime knows what to do:
// TRANSIENT → retry with backoff and jitter; RATE_LIMITED → wait `retryAfterMs` (Retry-After or the
// channel's own throttle headers); AUTH / CONFIG → park the connection and alert; BAD_RECORD → dead-letter
// that record with the reason and go on with the rest. Connectors never throw raw HTTP errors upward.
export type ConnectorErrorKind = 'TRANSIENT' | 'RATE_LIMITED' | 'AUTH' | 'CONFIG' | 'BAD_RECORD';

export class ConnectorError extends Error {
  constructor(
    readonly kind: ConnectorErrorKind,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number; requestId?: string; channelId?: string; body?: unknown } = {},
  ) {
    super(message);
    this.name = 'ConnectorError';
  }

  /** Whether running the same call again later can succeed without anyone changing anything. */
  get retryable(): boolean {
    return this.kind === 'TRANSIENT' || this.kind === 'RATE_LIMITED';
  }

  /** Whether the connection must stop until someone fixes its configuration or credentials. */
  get parksConnection(): boolean {
    return this.kind === 'AUTH' || this.kind === 'CONFIG';
  }
}

export const isConnectorError = (error: unknown): error is ConnectorError => error instanceof ConnectorError;
