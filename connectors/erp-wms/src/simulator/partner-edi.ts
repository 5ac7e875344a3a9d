// X12 the simulated trading partner sends: 850 purchase orders (optionally with a malformed PO1) and
// 997 acknowledgements of the hub's interchanges.
import { X12Interchange } from 'node-x12';
import { x12Date } from '../edi/x12-write';

export interface SimPurchaseOrder {
  poNumber: string;
  lines: Array<{ sku: string; quantity: number; price: number }>;
  shipTo?: { name: string; line1: string; city: string; region?: string; postalCode?: string; country: string };
  email?: string;
  /** Requested ship date, CCYYMMDD. */
  shipBy?: string;
  /** Breaks a segment the way a partner's mapper might: a non-numeric PO102. */
  malformed?: 'quantity';
}

let control = 0;
const pad = (value: string, length: number) => value.padEnd(length, ' ');
const options = { segmentTerminator: '~', elementDelimiter: '*', endOfLine: '\n', format: true, subElementDelimiter: '>' };

function envelope(functionalId: string, sender: string, receiver: string, build: (addSet: (code: string, segments: string[][]) => void) => void): string {
  control += 1;
  const { ccyymmdd, yymmdd, hhmm } = x12Date(new Date());
  const interchange = new X12Interchange('~', '*', options);
  interchange.setHeader(['00', pad('', 10), '00', pad('', 10), 'ZZ', pad(sender, 15), 'ZZ', pad(receiver, 15), yymmdd, hhmm, 'U', '00401', String(control).padStart(9, '0'), '0', 'P', '>']);
  const group = interchange.addFunctionalGroup();
  group.setHeader([functionalId, sender, receiver, ccyymmdd, hhmm, String(control), 'X', '004010']);
  let sets = 0;
  build((code, segments) => {
    const set = group.addTransaction();
    set.setHeader([code, String(++sets).padStart(4, '0')]);
    for (const [tag, ...elements] of segments) set.addSegment(tag, elements);
  });
  return `${interchange.toString(options)}\n`;
}

export function purchaseOrders(orders: SimPurchaseOrder[], sender = 'PARTNER', receiver = 'OMSHUB'): string {
  return envelope('PO', sender, receiver, (addSet) => {
    for (const order of orders) {
      const shipTo = order.shipTo ?? { name: 'Acme Stores DC 4', line1: '400 Distribution Way', city: 'Columbus', region: 'OH', postalCode: '43004', country: 'US' };
      const segments: string[][] = [
        ['BEG', '00', 'SA', order.poNumber, '', x12Date(new Date()).ccyymmdd],
        ['CUR', 'BY', 'USD'],
        ...(order.shipBy ? [['DTM', '010', order.shipBy]] : []),
        ['N1', 'BY', 'Acme Stores Inc', '92', 'ACME'],
        ['PER', 'BD', 'Pat Buyer', 'TE', '5550100', 'EM', order.email ?? 'purchasing@acme.example'],
        ['N1', 'ST', shipTo.name, '92', 'DC4'],
        ['N3', shipTo.line1],
        ['N4', shipTo.city, shipTo.region ?? '', shipTo.postalCode ?? '', shipTo.country],
        ...order.lines.map((line, index) => ['PO1', String(index + 1), order.malformed === 'quantity' && index === 0 ? 'TWO' : String(line.quantity), 'EA', line.price.toFixed(2), '', 'SK', line.sku]),
        ['CTT', String(order.lines.length)],
      ];
      addSet('850', segments);
    }
  });
}

/** A 997 accepting the group with this functional id and control number. */
export function acceptance(group: { functionalId: string; control: string; sets: Array<{ code: string; control: string }> }, sender = 'PARTNER', receiver = 'OMSHUB'): string {
  return envelope('FA', sender, receiver, (addSet) =>
    addSet('997', [['AK1', group.functionalId, group.control], ...group.sets.flatMap((set) => [['AK2', set.code, set.control], ['AK5', 'A']]), ['AK9', 'A', String(group.sets.length), String(group.sets.length), String(group.sets.length)]]),
  );
}
