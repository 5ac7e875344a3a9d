// An inbound X12 interchange: 850s become hub orders, answered with a 997 for the group (each set
// accepted, or rejected with the segments at fault) and an 855 per accepted purchase order; a 997 from
// the partner settles our own interchange it acknowledges. A broken envelope is rejected as a whole.
import type { CanonicalOrder, ConnectorContext, GraphHubSink } from '@oms/connector-kit';
import { functionalAck, poAcknowledgement, type TransactionVerdict } from '../edi/acknowledgements';
import { describeSegmentError, purchaseOrderFrom850 } from '../edi/po-850';
import { EdiEnvelopeError, readInterchange, type EdiGroup } from '../edi/x12-read';
import { x12Date, type OutboundTransaction } from '../edi/x12-write';
import type { ErpWmsConfig } from '../manifest';
import type { FileTransport } from '../transport/transport';
import { stateOf, writeInterchange } from '../writers/outbound-file';
import type { InboxDeadLetter } from './dead-letter';
import { poOptions } from './file-kinds';

export interface EdiOutcome {
  applied: number;
  deadLetters: InboxDeadLetter[];
  /** Files written back to the partner (997, 855). */
  replies: string[];
}

export async function applyInterchange(ctx: ConnectorContext<ErpWmsConfig>, transport: FileTransport, sink: GraphHubSink, file: string, content: Buffer, received: string): Promise<EdiOutcome> {
  const outcome: EdiOutcome = { applied: 0, deadLetters: [], replies: [] };
  let interchange;
  try {
    interchange = readInterchange(content);
  } catch (error) {
    if (!(error instanceof EdiEnvelopeError)) throw error;
    outcome.deadLetters.push({ stream: 'EDI', file, channelId: file, reason: `${file}: ${error.message}` });
    if (error.group) outcome.replies.push((await writeInterchange(ctx, transport, [functionalAck(error.group, [], error.message)])).file);
    return outcome;
  }
  for (const group of interchange.groups) {
    if (group.functionalId === 'FA') await settleAcknowledgements(ctx, group, outcome);
    else await applyPurchaseOrders(ctx, transport, sink, file, group, received, outcome);
  }
  return outcome;
}

async function settleAcknowledgements(ctx: ConnectorContext<ErpWmsConfig>, group: EdiGroup, outcome: EdiOutcome): Promise<void> {
  for (const transaction of group.transactions.filter((set) => set.code === '997')) {
    const ak1 = transaction.segments.find((segment) => segment.tag === 'AK1');
    const ak9 = transaction.segments.find((segment) => segment.tag === 'AK9');
    if (!ak1 || !ak9) continue;
    await stateOf(ctx).update((state) => {
      const sent = Object.values(state.interchanges).find((entry) => String(entry.groupControl) === ak1.elements[2]);
      if (sent) sent.ack = ak9.elements[1] as 'A' | 'E' | 'P' | 'R';
    });
    outcome.applied += 1;
  }
}

async function applyPurchaseOrders(ctx: ConnectorContext<ErpWmsConfig>, transport: FileTransport, sink: GraphHubSink, file: string, group: EdiGroup, received: string, outcome: EdiOutcome): Promise<void> {
  const verdicts: TransactionVerdict[] = [];
  const accepted: Array<{ poNumber: string; order: CanonicalOrder }> = [];
  for (const transaction of group.transactions) {
    if (transaction.code !== '850') {
      verdicts.push({ code: transaction.code, control: transaction.control, errors: [{ tag: 'ST', position: 1, element: 1, code: '7', value: transaction.code, message: `transaction set ${transaction.code} is not supported here` }] });
      outcome.deadLetters.push({ stream: 'EDI', file, channelId: `${file}#ST${transaction.control}`, reason: `${file} ST ${transaction.control}: transaction set ${transaction.code} is not supported` });
      continue;
    }
    const result = purchaseOrderFrom850(transaction, received, poOptions(ctx.config));
    verdicts.push({ code: '850', control: transaction.control, errors: result.ok ? [] : result.errors });
    if (result.ok) accepted.push({ poNumber: result.poNumber, order: result.order });
    else {
      const reason = `${file} 850 ${transaction.control}${result.poNumber ? ` (PO ${result.poNumber})` : ''}: ${result.errors.map(describeSegmentError).join('; ')}`;
      outcome.deadLetters.push({ stream: 'ORDERS', file, channelId: result.poNumber || `${file}#ST${transaction.control}`, reason, raw: { errors: result.errors } });
    }
  }
  const results = accepted.length ? await sink.upsertOrders(ctx.channel, accepted.map((entry) => entry.order)) : [];
  // The 997 says the syntax was received; acceptance of the order itself is the 855's.
  outcome.replies.push((await writeInterchange(ctx, transport, [functionalAck(group, verdicts)])).file);
  const date = x12Date(new Date()).ccyymmdd;
  const acknowledgements: OutboundTransaction[] = accepted.map(({ poNumber, order }, index) => {
    const hubAccepted = results[index]?.outcome !== 'FAILED';
    if (hubAccepted) outcome.applied += 1;
    else outcome.deadLetters.push({ stream: 'ORDERS', file, channelId: poNumber, reason: `${file} PO ${poNumber}: ${results[index].reason}`, raw: order });
    return poAcknowledgement(poNumber, order, hubAccepted, date);
  });
  if (acknowledgements.length) outcome.replies.push((await writeInterchange(ctx, transport, acknowledgements)).file);
}
