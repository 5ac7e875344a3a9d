// Shared bench plumbing: a database, a whole stack with command counting, timing helpers.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { internalHeaders, serviceIdentity, startDatabase } from '@oms/platform';
import { startStack, type Stack } from '@oms/stack';
import type { SubgraphName } from '@oms/gateway';

export interface BenchHub {
  stack: Stack;
  /** ADMIN key for the gateway. */
  adminKey: string;
  commands: Record<SubgraphName, number>;
  resetCommands(): void;
  gql<T = any>(url: string, query: string, variables?: object): Promise<T>;
  stop(): Promise<void>;
}

const BACKGROUND_COLLECTIONS = new Set(['events', 'consumer_cursors']);
const IGNORED = new Set(['hello', 'isMaster', 'ismaster', 'ping', 'buildInfo', 'saslStart', 'saslContinue', 'endSessions']);

export async function startBenchHub(): Promise<BenchHub> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'oms-bench-'));
  const database = await startDatabase({
    dataDir,
    port: 0,
    ferretBackend: 'auto',
    postgresDatabase: `oms_bench_${process.pid}`,
    dropPostgresDatabaseOnStop: true,
    progress: (message) => console.log(`[database] ${message}`),
  });
  const adminKey = `oms_bench_${randomBytes(24).toString('base64url')}`;
  const stack = await startStack({ mongoUri: database.uri, dbPrefix: `bench${Date.now()}`, ports: 'ephemeral', monitorCommands: true, databaseBackend: database.backend, ferretDbPostgresqlUrl: database.postgresqlUrl, bootstrapAdminKey: adminKey });
  // Clients reach the gateway with an API key (authentication is part of its overhead); subgraphs
  // called directly need the identity the gateway would have signed.
  const headersFor = async (url: string): Promise<Record<string, string>> =>
    url === stack.gateway.url ? { authorization: `Bearer ${adminKey}` } : internalHeaders(serviceIdentity('bench'), Object.keys(stack.subgraphs));
  // The webhook dispatcher and the connector runtime work on timers of their own: not part of any request's cost.
  const measured = (Object.entries(stack.subgraphs) as Array<[SubgraphName, Stack['subgraphs'][SubgraphName]]>).filter(([name]) => name !== 'webhooks' && name !== 'channels');
  const commands = Object.fromEntries(measured.map(([name]) => [name, 0])) as Record<SubgraphName, number>;
  for (const [name, running] of measured) {
    running.connection.getClient().on('commandStarted', (event) => {
      if (IGNORED.has(event.commandName)) return;
      // Background consumers poll the event logs; they are not part of any request's cost.
      const collection = event.command[event.commandName];
      if (typeof collection === 'string' && BACKGROUND_COLLECTIONS.has(collection)) return;
      commands[name] += 1;
    });
  }
  return {
    stack,
    adminKey,
    commands,
    resetCommands: () => (Object.keys(commands) as SubgraphName[]).forEach((name) => (commands[name] = 0)),
    gql: async (url, query, variables = {}) => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(await headersFor(url)) }, body: JSON.stringify({ query, variables }) });
      const payload = (await response.json()) as { data?: unknown; errors?: Array<{ message: string }> };
      if (payload.errors?.length) throw new Error(payload.errors.map((error) => error.message).join('; '));
      return payload.data as never;
    },
    stop: async () => {
      await Promise.all(Object.values(stack.subgraphs).map((running) => running.connection.dropDatabase().catch(() => undefined)));
      await stack.stop();
      await database.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function timeIt(times: number, work: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = process.hrtime.bigint();
    await work();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return samples;
}

export function fmt(ms: number): string {
  return `${ms.toFixed(1)} ms`;
}
