// One HTTP request to an address a caller chose, made safely: the host is checked by form, the name is
// resolved at send time and every address it resolves to must be public, and the connection goes to
// exactly those checked addresses (the lookup that checks is the lookup that connects, so a second
// resolution cannot swap in a private address). Redirects are not followed, and at most
// `maxResponseBytes` of the answer are read.
import dns, { type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { assertPublicAddresses, assertPublicHost, normalizeHost } from './outbound-guard';

export interface OutboundRequest {
  method: 'GET' | 'POST' | 'PUT';
  headers: Record<string, string>;
  body?: string;
  /** Connect, send and read the answer within this long. */
  timeoutMs: number;
  /** The answer's body is read up to this many bytes; the rest is dropped unread. */
  maxResponseBytes: number;
  /** Skips the address checks (development and tests with receivers on 127.0.0.1). */
  allowPrivate?: boolean;
}

export interface OutboundResponse {
  status: number;
  /** At most `maxResponseBytes` of the body, as UTF-8. */
  body: string;
  truncated: boolean;
}

/** The request took longer than `timeoutMs`. */
export class OutboundTimeoutError extends Error {
  readonly code = 'OUTBOUND_TIMEOUT';

  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'TimeoutError';
  }
}

/** A lookup that answers only with addresses that passed the check (the socket connects to those). */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...(options as LookupOptions), all: true, verbatim: true }, (error, answers: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    try {
      assertPublicAddresses(normalizeHost(hostname), answers.map((answer) => answer.address));
    } catch (refused) {
      return callback(refused as NodeJS.ErrnoException, '', 0);
    }
    if ((options as LookupOptions).all) return callback(null, answers);
    return callback(null, answers[0].address, answers[0].family);
  });
};

/**
 * Sends one request; resolves with the status and the start of the body. Rejects with
 * OutboundAddressError (refused address), OutboundTimeoutError, or the socket's error.
 */
export async function sendOutbound(url: string, request: OutboundRequest): Promise<OutboundResponse> {
  const target = new URL(url);
  // A literal address is never looked up, so its form is all there is to check.
  if (!request.allowPrivate) assertPublicHost(target.hostname);
  const transport = target.protocol === 'https:' ? https : http;
  return new Promise<OutboundResponse>((resolve, reject) => {
    const outgoing = transport.request(target, {
      method: request.method,
      headers: request.body === undefined ? request.headers : { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
      // A fresh connection each time: a pooled socket would skip the check of the name's current addresses.
      agent: false,
      ...(request.allowPrivate ? {} : { lookup: publicOnlyLookup }),
    });
    const timer = setTimeout(() => outgoing.destroy(new OutboundTimeoutError(request.timeoutMs)), request.timeoutMs);
    const settle = (finish: () => void) => {
      clearTimeout(timer);
      finish();
    };
    outgoing.on('error', (error) => settle(() => reject(error)));
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const done = () => settle(() => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), truncated }));
      response.on('data', (chunk: Buffer) => {
        const room = request.maxResponseBytes - size;
        if (chunk.length <= room) {
          chunks.push(chunk);
          size += chunk.length;
          return;
        }
        // Past the cap: keep what fits and hang up; the rest is never read.
        chunks.push(chunk.subarray(0, room));
        size = request.maxResponseBytes;
        truncated = true;
        response.destroy();
        done();
      });
      response.on('end', done);
      response.on('error', (error) => settle(() => reject(error)));
    });
    outgoing.end(request.body);
  });
}
