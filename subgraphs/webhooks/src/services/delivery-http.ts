// One delivery POST and its outcome as the attempt log records it. The receiver's answer is read up
// to 4 KB and shown to the endpoint's owner up to 500 characters: a receiver cannot make the hub
// buffer a large body, nor turn the attempt log into a way to read an internal page.
import { isOutboundAddressError, sendOutbound } from '@oms/platform';

const MAX_RESPONSE_BYTES = 4096;
export const MAX_ERROR_LENGTH = 500;

export interface HttpOutcome {
  statusCode: number | null;
  error: string | null;
}

export async function postDelivery(url: string, headers: Record<string, string>, body: string, options: { timeoutMs: number; publicOnly: boolean }): Promise<HttpOutcome> {
  try {
    const response = await sendOutbound(url, { method: 'POST', headers, body, timeoutMs: options.timeoutMs, maxResponseBytes: MAX_RESPONSE_BYTES, allowPrivate: !options.publicOnly });
    if (response.status >= 200 && response.status < 300) return { statusCode: response.status, error: null };
    const text = response.body.slice(0, MAX_ERROR_LENGTH);
    return { statusCode: response.status, error: `HTTP ${response.status}${text ? `: ${text}` : ''}` };
  } catch (error) {
    if (isOutboundAddressError(error)) return { statusCode: null, error: `url: not delivered: ${error.message}; deliveries go to public addresses only` };
    const { code, message } = error as { code?: string; message?: string };
    const reason = code === 'OUTBOUND_TIMEOUT' ? message : (code ?? message);
    return { statusCode: null, error: String(reason).slice(0, MAX_ERROR_LENGTH) };
  }
}
