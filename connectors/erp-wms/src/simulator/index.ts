// The simulated ERP/warehouse: a real SFTP server (or a plain folder) with inbound/, outbound/ and
// processed/. It drops orders (CSV or 850s), stock counts and shipment confirmations into inbound/,
// reads what the hub writes to outbound/ and answers the hub's X12 with 997s. It implements the kit's
// SimulatorHandle so the conformance suite runs against it; `requests()` lists SFTP requests with
// HTTP-like statuses (see sftp-server.ts), and the faults are the transport's: a busy server that
// says when to come back (429), failures (5xx), dropped connections, permission denied.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { utils } from 'ssh2';
import type { SimulatorHandle, SimulatorRequest } from '@oms/connector-kit';
import { ORDER_IN_COLUMNS, SHIPMENT_IN_COLUMNS, STOCK_IN_COLUMNS } from '../csv/columns';
import { erpWmsConfigSchema, type ErpWmsConfig, type ErpWmsConfigInput } from '../manifest';
import { acceptance, purchaseOrders, type SimPurchaseOrder } from './partner-edi';
import { PartnerFiles, segmentsOf } from './partner-files';
import { startSftpServer, type SftpFaults } from './sftp-server';

export interface ErpWmsSimulatorOptions {
  orders?: number;
  /** Orders per dropped file, and the connection's page size. */
  pageSize?: number;
  /** `sftp` (default) runs a real SFTP server; `local` hands the connector the folder itself. */
  transport?: 'sftp' | 'local';
  /** SFTP login by password (default) or by key. */
  auth?: 'password' | 'key';
  /** Extra connection settings (outboundFormat, completion, columns, locations...). */
  config?: Partial<ErpWmsConfigInput>;
  /** Where the drop box lives (default: a new temporary folder, removed on stop). */
  root?: string;
}

interface SimOrder {
  ref: string;
  lines: Array<{ sku: string; quantity: number; price: string }>;
  cancelled: boolean;
  corrupt: boolean;
  file?: string;
}

export interface ErpWmsSimulatorHandle extends SimulatorHandle<ErpWmsConfig> {
  faults: SimulatorHandle<ErpWmsConfig>['faults'] & Partial<Pick<SftpFaults, 'denyNext' | 'disconnectNext'>>;
  root: string;
  files: PartnerFiles;
  dropPurchaseOrders(orders: SimPurchaseOrder[]): string;
  dropStockCounts(rows: Array<{ sku: string; warehouse?: string; quantity: number | string }>, name?: string): string;
  dropShipmentConfirmations(rows: Array<{ orderRef: string; sku: string; quantity: number | string; carrier?: string; trackingNumber: string }>, name?: string): string;
  /** 997s for the hub's X12 in outbound/ not answered yet; resolves the files dropped. */
  acknowledgeOutbound(): string[];
}

const SKUS = ['EW-RED-1', 'EW-BLU-2', 'EW-GRN-3'];
const USER = 'wms';
const PASSWORD = 'drop-box-secret';

export async function startErpWmsSimulator(options: ErpWmsSimulatorOptions = {}): Promise<ErpWmsSimulatorHandle> {
  const ownRoot = !options.root;
  const root = options.root ?? mkdtempSync(join(tmpdir(), 'erp-wms-'));
  const files = new PartnerFiles(root);
  const pageSize = options.pageSize ?? 10;
  const keys = options.auth === 'key' ? utils.generateKeyPairSync('ed25519') : null;
  const server = options.transport === 'local' ? null : await startSftpServer({ root, username: USER, password: keys ? undefined : PASSWORD, publicKey: keys?.public });
  const stateDir = mkdtempSync(join(tmpdir(), 'erp-wms-state-'));
  const base = { stateDir, pageSize, ...options.config };
  const config = erpWmsConfigSchema.parse(
    server ? { ...base, transport: 'sftp', host: '127.0.0.1', port: server.port, username: USER, hostKeySha256: server.hostKeySha256, ...(keys ? { privateKey: keys.private } : { password: PASSWORD }) } : { ...base, transport: 'local', rootDir: root },
  );
  const badCredentialsConfig = erpWmsConfigSchema.parse(
    server ? { ...config, ...(keys ? { privateKey: utils.generateKeyPairSync('ed25519').private } : { password: 'not-the-password' }) } : { ...config, rootDir: join(root, 'missing', '\0') },
  );

  const orders = new Map<string, SimOrder>();
  let orderSeq = 1000;
  let fileSeq = 0;
  // A restarted simulator on the same folder must not reuse the names of files it dropped before.
  const run = Date.now().toString(36);
  const nextName = (prefix: string, extension: string) => `${prefix}-${run}-${String(++fileSeq).padStart(4, '0')}.${extension}`;
  const answered = new Set<string>();

  const newOrder = (): SimOrder => {
    const n = ++orderSeq;
    const lines = [{ sku: SKUS[n % SKUS.length], quantity: 1 + (n % 3), price: (12.5 + (n % 7)).toFixed(2) }];
    if (n % 2 === 0) lines.push({ sku: SKUS[(n + 1) % SKUS.length], quantity: 1, price: '4.99' });
    const order = { ref: `SO-${n}`, lines, cancelled: false, corrupt: false };
    orders.set(order.ref, order);
    return order;
  };

  const orderRows = (order: SimOrder) =>
    order.lines.map((line, index) => ({
      orderRef: order.ref, lineNo: index + 1, sku: order.corrupt && index === 0 ? '' : line.sku, quantity: line.quantity, unitPrice: line.price, currency: 'EUR',
      status: order.cancelled ? 'cancelled' : 'open', orderDate: '2026-12-01T09:30:00Z', email: `buyer+${order.ref.toLowerCase()}@b2b.example`,
      shipName: `Buyer ${order.ref}`, address1: '12 Market Street', address2: '', city: 'Lyon', region: '', zip: '69002', country: 'FR', purchaseOrder: `PO-${order.ref}`, shipBy: '',
    }));

  const csv = (columns: Record<string, string>, rows: Array<Record<string, unknown>>) =>
    stringify(rows.map((row) => Object.keys(columns).map((field) => row[field] ?? '')), { header: true, columns: Object.values(columns) });

  const orderFile = (list: SimOrder[], name = nextName('orders', 'csv')) => {
    files.drop(name, csv(ORDER_IN_COLUMNS, list.flatMap(orderRows)));
    list.forEach((order) => (order.file = name));
    if (config.completion === 'done-marker') files.markDone(name);
    return name;
  };
  const dropOrders = (list: SimOrder[]) => {
    for (let start = 0; start < list.length; start += pageSize) orderFile(list.slice(start, start + pageSize));
  };

  dropOrders(Array.from({ length: options.orders ?? 0 }, newOrder));

  const emptyFaults = { rateLimitNext: () => undefined, failNext: () => undefined, crashAfterRequests: () => undefined };

  return {
    config,
    badCredentialsConfig,
    baseUrl: server ? `sftp://127.0.0.1:${server.port}` : `file://${root}`,
    skus: SKUS,
    root,
    files,
    faults: server?.faults ?? emptyFaults,
    corruptOrder(ref) {
      const order = orders.get(ref)!;
      order.corrupt = true;
      // Not picked up yet: the partner re-exports that file; otherwise it sends the order again.
      if (order.file && files.inInbound(order.file)) orderFile([...orders.values()].filter((other) => other.file === order.file), order.file);
      else orderFile([order]);
    },
    cancelOrder(ref) {
      const order = orders.get(ref)!;
      order.cancelled = true;
      orderFile([order]);
    },
    async addOrders(n) {
      const added = Array.from({ length: n }, newOrder);
      dropOrders(added);
      return added.map((order) => order.ref);
    },
    orderIds: () => [...orders.keys()],
    requests: (): SimulatorRequest[] => server?.requests() ?? [],
    stockOf(sku) {
      let quantity: number | undefined;
      // Oldest first: the last file that names the SKU wins, CSV or 846 alike.
      for (const name of files.files('outbound')) {
        if (name.startsWith('stock-') && name.endsWith('.csv')) {
          const row = files.outboundCsv(name).find((entry) => entry.file === name)?.rows.find((entry) => entry[config.columns.stockOut.sku] === sku);
          if (row) quantity = Number(row[config.columns.stockOut.quantity]);
        } else if (name.startsWith('846-')) {
          const segments = segmentsOf(files.outboundX12('846').find((entry) => entry.file === name)!.interchange);
          const at = segments.findIndex((segment) => segment[0] === 'LIN' && segment[3] === sku);
          if (at >= 0 && segments[at + 1]?.[0] === 'QTY') quantity = Number(segments[at + 1][2]);
        }
      }
      return quantity;
    },
    fulfillmentsOf(ref) {
      const fromCsv = files.outboundCsv('shipment-').flatMap(({ rows }) => {
        const row = rows.find((entry) => entry[config.columns.shipmentsOut.orderRef] === ref);
        return row ? [{ trackingNumber: row[config.columns.shipmentsOut.trackingNumber], carrier: row[config.columns.shipmentsOut.carrier], trackingUrl: row[config.columns.shipmentsOut.trackingUrl] || undefined }] : [];
      });
      const fromAsn = files.outboundX12('856').flatMap(({ interchange }) => {
        const segments = segmentsOf(interchange);
        if (!segments.some((segment) => segment[0] === 'PRF' && segment[1] === ref)) return [];
        return [{ trackingNumber: segments.find((segment) => segment[0] === 'REF' && segment[1] === 'CN')?.[2] ?? '', carrier: segments.find((segment) => segment[0] === 'TD5')?.[3] ?? '' }];
      });
      return [...fromCsv, ...fromAsn];
    },
    dropPurchaseOrders(list) {
      const name = nextName('850', 'x12');
      files.drop(name, purchaseOrders(list, config.x12.receiverId, config.x12.senderId));
      return name;
    },
    dropStockCounts(rows, name = nextName('stock-count', 'csv')) {
      return files.drop(name, csv(STOCK_IN_COLUMNS, rows.map((row) => ({ warehouse: config.warehouseCode, asOf: new Date().toISOString(), ...row }))));
    },
    dropShipmentConfirmations(rows, name = nextName('confirmations', 'csv')) {
      return files.drop(name, csv(SHIPMENT_IN_COLUMNS, rows.map((row) => ({ carrier: 'UPS', shipDate: new Date().toISOString(), ...row }))));
    },
    acknowledgeOutbound() {
      const dropped: string[] = [];
      for (const name of files.files('outbound').filter((file) => file.endsWith('.x12') && !file.startsWith('997-') && !answered.has(file))) {
        const set = name.split('-')[0];
        const [entry] = files.outboundX12(set).filter((candidate) => candidate.file === name);
        for (const group of entry.interchange.groups) {
          const sets = group.transactions.map((transaction) => ({ code: transaction.code, control: transaction.control }));
          dropped.push(files.drop(nextName('997', 'x12'), acceptance({ functionalId: group.functionalId, control: group.control, sets }, config.x12.receiverId, config.x12.senderId)));
        }
        answered.add(name);
      }
      return dropped;
    },
    async stop() {
      await server?.stop();
      rmSync(stateDir, { recursive: true, force: true });
      if (ownRoot) rmSync(root, { recursive: true, force: true });
    },
  };
}

export type { SimulatorHandle } from '@oms/connector-kit';
