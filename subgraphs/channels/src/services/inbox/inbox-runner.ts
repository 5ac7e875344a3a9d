// Runs a connection's inbox: connectors whose channel pushes work to us as files (ERP/WMS) apply what
// the partner dropped (shipment confirmations, stock counts, EDI replies) through the hub's graph, as
// the connection's own identity so ledgers and shipment histories name it. The sync runner calls it
// after each orders sync, under that run's lease, so one process at a time runs a connection's inbox.
// What could not be applied is stored as INBOX dead letters, file by file; a stock count the hub
// refused (below what is reserved) is also an alert.
import { isConnectorError, type InboxDeadLetterEntry, type InboxOutcome, type InboxStockRefusal } from '@oms/connector-kit';
import { createLogger, internalHeaders, serviceIdentity } from '@oms/platform';
import type { ConnectionRecord } from '../../models/connection.model';
import type { ConnectorRuntime } from '../connector-runtime';
import type { DeadLetters } from '../dead-letters';
import type { HubClient } from '../hub-client';
import { HubUnavailableError } from '../sync/runtime-sink';
import { toInboxLetters } from './inbox-letters';

const log = createLogger('channels.inbox');

export const STOCK_COUNT_REFUSED = 'WMS_STOCK_COUNT_REFUSED';

export interface InboxRunnerDeps {
  runtime: ConnectorRuntime;
  hub: HubClient;
  deadLetters: DeadLetters;
}

export class InboxRunner {
  constructor(private readonly deps: InboxRunnerDeps) {}

  /** Whether the connection's connector has an inbox. */
  has(connection: Pick<ConnectionRecord, 'kind'>): boolean {
    return !!this.deps.runtime.registry.get(connection.kind)?.inbox;
  }

  /** Applies the connection's inbox once; null when its connector has none. Throws what the connector throws. */
  async run(connection: ConnectionRecord, signal?: AbortSignal): Promise<InboxOutcome | null> {
    const inbox = this.deps.runtime.connector(connection).inbox;
    if (!inbox) return null;
    const ctx = this.deps.runtime.context(connection, signal);
    const identity = serviceIdentity(`${connection.kind}:${connection.channel}`);
    let outcome: InboxOutcome;
    try {
      outcome = await inbox.process(ctx, {
        url: this.deps.hub.url(),
        // Signed identities are short-lived: a fresh one for every request.
        headers: () => internalHeaders(identity),
        deadLetters: (entries, refusals) => this.store(connection, entries, refusals),
      });
    } catch (error) {
      // The kit's hub clients name the hub in their errors ("The OMS hub ..."): a hub that is down or
      // refuses the identity this runtime signed is retried, never a reason to park the channel.
      if (isConnectorError(error) && error.message.startsWith('The OMS hub')) throw new HubUnavailableError(error.message);
      throw error;
    }
    const files = outcome.files.length;
    if (files) {
      const applied = outcome.files.reduce((sum, file) => sum + file.applied, 0);
      log.info({ connectionId: connection._id, channel: connection.channel, files, applied, deadLettered: outcome.deadLetters.length, stockRefused: outcome.stockRefusals.length }, 'inbox applied');
    }
    return outcome;
  }

  private async store(connection: ConnectionRecord, entries: InboxDeadLetterEntry[], refusals: InboxStockRefusal[]): Promise<void> {
    await this.deps.deadLetters.record(connection._id, 'INBOX', toInboxLetters(entries, refusals));
    for (const refusal of refusals) {
      log.error(
        { alert: STOCK_COUNT_REFUSED, connectionId: connection._id, channel: connection.channel, ...refusal },
        `${connection.name}: stock count of ${refusal.sku} at ${refusal.warehouse} refused: count ${refusal.count} is below the ${refusal.reserved ?? 'unknown'} units reserved there (${refusal.file} row ${refusal.row}); not applied`,
      );
    }
  }
}
