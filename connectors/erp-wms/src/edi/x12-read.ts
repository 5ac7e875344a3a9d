// Reads an X12 interchange with node-x12 (envelope, control numbers and segment counts checked by the
// library) into plain segments per transaction set.
import { X12Parser, type X12Interchange } from 'node-x12';

export interface EdiSegment {
  tag: string;
  /** elements[1] is the segment's first element (X12 numbering). */
  elements: string[];
  /** 1-based position within the transaction set, ST being 1 (AK3 reports it). */
  position: number;
}

export interface EdiTransaction {
  code: string;
  control: string;
  segments: EdiSegment[];
}

export interface EdiGroup {
  functionalId: string;
  control: string;
  version: string;
  transactions: EdiTransaction[];
}

export interface EdiInterchange {
  senderQualifier: string;
  senderId: string;
  receiverQualifier: string;
  receiverId: string;
  control: string;
  groups: EdiGroup[];
}

/** The envelope is broken: the partner gets a 997 rejecting the group (when its GS can be read) and a person looks. */
export class EdiEnvelopeError extends Error {
  constructor(
    message: string,
    readonly group?: { functionalId: string; control: string },
  ) {
    super(message);
    this.name = 'EdiEnvelopeError';
  }
}

export const looksLikeX12 = (content: Buffer | string) => /^\s*ISA/.test(content.toString('latin1', 0, 16));

const values = (segment: { tag: string; elements: Array<{ value: string }> }) => [segment.tag, ...segment.elements.map((element) => element.value)];

/** What a 997 needs from a broken interchange: the GS, read by hand. */
function readGroupHeader(text: string): { functionalId: string; control: string } | undefined {
  const separator = text.charAt(3);
  const gs = text.split(/[~\n\r]+/).find((segment) => segment.trim().startsWith(`GS${separator}`));
  if (!gs) return undefined;
  const parts = gs.trim().split(separator);
  return parts[1] && parts[6] ? { functionalId: parts[1], control: parts[6] } : undefined;
}

export function readInterchange(content: Buffer | string): EdiInterchange {
  const text = content.toString('latin1').trim();
  let parsed: X12Interchange;
  try {
    const result = new X12Parser(true).parse(text);
    if (Array.isArray(result)) throw new Error('the file holds more than one interchange; send one per file');
    parsed = result as X12Interchange;
  } catch (error) {
    throw new EdiEnvelopeError(`the X12 envelope is invalid: ${(error as Error).message}`, readGroupHeader(text));
  }
  const isa = values(parsed.header);
  return {
    senderQualifier: isa[5].trim(),
    senderId: isa[6].trim(),
    receiverQualifier: isa[7].trim(),
    receiverId: isa[8].trim(),
    control: isa[13].trim(),
    groups: parsed.functionalGroups.map((group) => {
      const gs = values(group.header);
      return {
        functionalId: gs[1],
        control: gs[6],
        version: gs[8],
        transactions: group.transactions.map((transaction) => {
          const st = values(transaction.header);
          return {
            code: st[1],
            control: st[2],
            // ST is position 1, so the body starts at 2.
            segments: transaction.segments.map((segment, index) => ({ tag: segment.tag, elements: values(segment), position: index + 2 })),
          };
        }),
      };
    }),
  };
}
