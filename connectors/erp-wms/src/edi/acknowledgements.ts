// The transaction sets the hub answers with: 997 functional acknowledgement (per received group:
// accepted, or the segments and elements at fault) and 855 purchase order acknowledgement.
import type { CanonicalOrder } from '@oms/connector-kit';
import { describeSegmentError, type SegmentError } from './po-850';
import type { OutboundTransaction, SegmentValues } from './x12-write';

export interface TransactionVerdict {
  code: string;
  control: string;
  errors: SegmentError[];
}

/** AK5/AK9 codes: A accepted, R rejected, P partially accepted (some sets rejected). */
export function functionalAck(group: { functionalId: string; control: string }, verdicts: TransactionVerdict[], envelopeError?: string): OutboundTransaction {
  const segments: SegmentValues[] = [['AK1', group.functionalId, group.control]];
  for (const verdict of verdicts) {
    segments.push(['AK2', verdict.code, verdict.control]);
    for (const error of verdict.errors) {
      // AK304 8: segment has data element errors; 3: mandatory segment missing.
      segments.push(['AK3', error.tag, String(error.position), '', error.element ? '8' : error.code]);
      if (error.element) segments.push(['AK4', String(error.element), '', error.code, (error.value ?? '').slice(0, 99)]);
    }
    // AK502 5: one or more segments in error.
    segments.push(verdict.errors.length ? ['AK5', 'R', '5'] : ['AK5', 'A']);
  }
  const accepted = verdicts.filter((verdict) => !verdict.errors.length).length;
  const status = envelopeError || accepted === 0 ? 'R' : accepted < verdicts.length ? 'P' : 'A';
  // AK905 3 (when rejected as a whole): the group's control numbers do not match / it cannot be read.
  segments.push(envelopeError ? ['AK9', 'R', String(verdicts.length), String(verdicts.length), '0', '3'] : ['AK9', status, String(verdicts.length), String(verdicts.length), String(accepted)]);
  return { code: '997', segments };
}

export function describeVerdict(verdict: TransactionVerdict): string {
  return verdict.errors.map(describeSegmentError).join('; ');
}

/** 855: BAK02 AC (acknowledged, no change) with ACK*IA per line, or RJ when the hub refused the order. */
export function poAcknowledgement(poNumber: string, order: CanonicalOrder | undefined, accepted: boolean, date: string): OutboundTransaction {
  const segments: SegmentValues[] = [['BAK', '00', accepted ? 'AC' : 'RJ', poNumber, date]];
  for (const line of order?.lines ?? []) {
    segments.push(['PO1', line.channelLineId, String(line.quantity), 'EA', (line.unitPrice / 100).toFixed(2), '', 'SK', line.sku]);
    segments.push(['ACK', accepted ? 'IA' : 'IR', String(line.quantity), 'EA']);
  }
  segments.push(['CTT', String(order?.lines.length ?? 0)]);
  return { code: '855', segments };
}
