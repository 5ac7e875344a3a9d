// Writes X12 interchanges with node-x12: one functional group per file, control numbers taken from
// the connection's state (unique, persisted before the file is written), trailers counted by the library.
import { X12Interchange } from 'node-x12';
import type { ErpWmsConfig } from '../manifest';
import type { ConnectionState } from '../state/connection-state';

/** A segment as [tag, element 1, element 2, ...]. */
export type SegmentValues = [string, ...string[]];

export interface OutboundTransaction {
  code: string;
  segments: SegmentValues[];
}

/** GS01 per transaction set. */
export const FUNCTIONAL_IDS: Record<string, string> = { '850': 'PO', '855': 'PR', '856': 'SH', '846': 'IB', '997': 'FA' };

export interface BuiltInterchange {
  text: string;
  interchangeControl: string;
  groupControl: number;
}

const pad = (value: string, length: number) => value.slice(0, length).padEnd(length, ' ');
const two = (value: number) => String(value).padStart(2, '0');

export function x12Date(date: Date): { ccyymmdd: string; yymmdd: string; hhmm: string } {
  const ccyymmdd = `${date.getUTCFullYear()}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}`;
  return { ccyymmdd, yymmdd: ccyymmdd.slice(2), hhmm: `${two(date.getUTCHours())}${two(date.getUTCMinutes())}` };
}

export async function buildInterchange(config: ErpWmsConfig, state: ConnectionState, transactions: OutboundTransaction[], now = new Date()): Promise<BuiltInterchange> {
  const { interchange, group } = await state.nextControlNumbers();
  const control = String(interchange).padStart(9, '0');
  const { ccyymmdd, yymmdd, hhmm } = x12Date(now);
  const { x12 } = config;
  const options = { segmentTerminator: '~', elementDelimiter: '*', endOfLine: '\n', format: true, subElementDelimiter: '>' };
  const envelope = new X12Interchange('~', '*', options);
  envelope.setHeader(['00', pad('', 10), '00', pad('', 10), x12.senderQualifier, pad(x12.senderId, 15), x12.receiverQualifier, pad(x12.receiverId, 15), yymmdd, hhmm, 'U', '00401', control, '0', x12.usage, '>']);
  const functionalGroup = envelope.addFunctionalGroup();
  functionalGroup.setHeader([FUNCTIONAL_IDS[transactions[0].code] ?? 'XX', x12.senderId, x12.receiverId, ccyymmdd, hhmm, String(group), 'X', '004010']);
  transactions.forEach((transaction, index) => {
    const set = functionalGroup.addTransaction();
    set.setHeader([transaction.code, String(index + 1).padStart(4, '0')]);
    for (const [tag, ...elements] of transaction.segments) set.addSegment(tag, elements);
  });
  return { text: `${envelope.toString(options)}\n`, interchangeControl: control, groupControl: group };
}
