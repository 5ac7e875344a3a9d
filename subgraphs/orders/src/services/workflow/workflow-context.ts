// What every workflow step needs: the order writer, the peers and the channel settings.
import type { OrderWorkflowRecord, WorkflowStep } from '../../models/order.model';
import type { ChannelSettingsService } from '../channel-settings.service';
import type { OrderWriter } from '../order-writer';
import type { OrderPeers } from '../peers';

export interface WorkflowContext {
  writer: OrderWriter;
  peers: OrderPeers;
  channels: ChannelSettingsService;
}

/** How long the recovery loop leaves a freshly started step alone (it is running inline). */
export const LEASE_MS = 30_000;

/** The workflow sub-document for a step that starts now. */
export function stepState(step: WorkflowStep, leaseMs = step === 'done' || step === 'hold' ? 0 : LEASE_MS): OrderWorkflowRecord {
  return { step, attempts: 0, nextAttemptAt: new Date(Date.now() + leaseMs), lastError: null };
}
