// Transport failures classified the kit's way: a refused login parks the connection (AUTH, naming the
// credential), a missing or forbidden folder is CONFIG, a busy server is RATE_LIMITED with its wait,
// a dropped connection or a server failure is TRANSIENT.
import { ConnectorError } from '@oms/connector-kit';

/** Servers that throttle say so in the status text: `busy: retry after 2 s` (the simulator does too). */
const RETRY_AFTER = /retry after (\d+)\s*s/i;

export function classifyTransportError(error: unknown, where: { path?: string; channelName: string; credential?: string }): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const err = error as NodeJS.ErrnoException & { level?: string };
  const message = err?.message ?? String(error);
  const code = String(err?.code ?? '');
  const at = where.path ? ` (${where.path})` : '';
  const retryAfter = RETRY_AFTER.exec(message);
  if (retryAfter) {
    return new ConnectorError('RATE_LIMITED', `${where.channelName} is busy${at}: ${message}`, { status: 429, retryAfterMs: Number(retryAfter[1]) * 1000 });
  }
  if (/host denied|verification failed/i.test(message)) {
    return new ConnectorError('CONFIG', `${where.channelName} presented a host key that does not match hostKeySha256: ${message}; check with the partner before changing it`, {});
  }
  if (err?.level === 'client-authentication' || /authentication methods failed|auth.*fail/i.test(message)) {
    const credential = where.credential ?? 'password';
    return new ConnectorError('AUTH', `${where.channelName} refused the login: check ${credential} (and username)`, { status: 401 });
  }
  if (code === 'EACCES' || code === 'EPERM' || /permission denied/i.test(message) || code === '3') {
    return new ConnectorError('CONFIG', `${where.channelName} denied access${at}: ${message}; the partner must grant the connection's user read/write on its folders`, { status: 403 });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new ConnectorError('CONFIG', `${where.channelName} cannot be found: ${message}; check host`, {});
  }
  if (code === 'ENOENT' || code === '2' || /no such file/i.test(message)) {
    return new ConnectorError('BAD_RECORD', `${where.channelName} has no such file${at}: ${message}`, { status: 404 });
  }
  return new ConnectorError('TRANSIENT', `${where.channelName} failed${at}: ${message}`, { status: 503 });
}
