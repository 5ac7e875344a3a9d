// How much work a process takes on at once: admission to a subgraph (OMS_SUBGRAPH_*; the gateway has
// its own OMS_GATEWAY_* set) and in-process per-key locks (OMS_LOCK_*).
import type { AdmissionLimits } from '../server/admission';
import { defineConfig } from './define';
import { env } from './variables';

/** `<PREFIX>_MAX_CONCURRENT`, `_INTERNAL_RESERVE`, `_MAX_QUEUE`, `_QUEUE_TIMEOUT_MS` with these defaults. */
export function admissionConfig(prefix: string, defaults: AdmissionLimits) {
  const service = prefix === 'OMS_GATEWAY' ? 'gateway' : prefix === 'OMS_SUBGRAPH' ? 'subgraph' : prefix;
  return defineConfig(`${service} admission`, {
    [`${prefix}_MAX_CONCURRENT`]: env.number(defaults.maxConcurrent, `Operations the ${service} works on at once.`, 0),
    [`${prefix}_INTERNAL_RESERVE`]: env.number(defaults.internalReserve, `Slots on top for calls from hub services finishing admitted work (${service}).`, 0),
    [`${prefix}_MAX_QUEUE`]: env.number(defaults.maxQueued, `Operations that may wait behind them (${service}).`, 0),
    [`${prefix}_QUEUE_TIMEOUT_MS`]: env.number(defaults.maxQueueWaitMs, `Longest wait in that queue (${service}).`, 0),
  });
}

export function readAdmissionLimits(prefix: string, defaults: AdmissionLimits, environment = process.env): AdmissionLimits {
  const values = admissionConfig(prefix, defaults).read(environment) as Record<string, number>;
  return {
    maxConcurrent: Math.max(1, values[`${prefix}_MAX_CONCURRENT`]),
    internalReserve: values[`${prefix}_INTERNAL_RESERVE`],
    maxQueued: values[`${prefix}_MAX_QUEUE`],
    maxQueueWaitMs: values[`${prefix}_QUEUE_TIMEOUT_MS`],
  };
}

/**
 * Subgraph defaults (OMS_SUBGRAPH_*). A gateway admits fewer client operations than this (each sends
 * a subgraph at most a request or two at a time), so the gateway sheds client work before a
 * subgraph refuses any; internal calls have as many slots again on top. The wait is shorter than
 * a hub service's call timeout (10 s), so a caller hears "overloaded, retry in n s", not a timeout.
 */
export const SUBGRAPH_ADMISSION_DEFAULTS: AdmissionLimits = { maxConcurrent: 64, internalReserve: 64, maxQueued: 512, maxQueueWaitMs: 10_000 };
export const subgraphAdmissionConfig = admissionConfig('OMS_SUBGRAPH', SUBGRAPH_ADMISSION_DEFAULTS);

export const lockConfig = defineConfig('locks', {
  OMS_LOCK_WAIT_MS: env.number(10_000, 'Longest wait for an in-process per-key lock.'),
  OMS_LOCK_MAX_PENDING: env.number(1_000, 'Waiters per key.'),
});
