// What an ERP/WMS file connection is configured with: where the files are (SFTP or a local folder),
// which columns each CSV file has, the X12 identities of both sides, and where the connector keeps
// its own state (applied files, EDI control numbers, shipments already sent).
import { z } from 'zod';
import type { ConnectorManifest } from '@oms/connector-kit';
import { columnMappingsSchema } from './csv/columns';

const folder = z.string().min(1).regex(/^[^\0]+$/, 'must be a folder path');

export const erpWmsConfigSchema = z
  .object({
    /** `sftp`: the partner's SFTP server; `local`: a folder on this machine (a mounted share, the demo). */
    transport: z.enum(['sftp', 'local']).default('sftp'),
    host: z.string().min(1, 'is required for SFTP').optional(),
    port: z.number().int().min(1).max(65535).default(22),
    username: z.string().min(1).optional(),
    /** SFTP password; or give privateKey. */
    password: z.string().min(1).optional(),
    /** SFTP private key (OpenSSH or PEM text). */
    privateKey: z.string().min(1).optional(),
    passphrase: z.string().optional(),
    /** SHA-256 of the server's host key (base64, as `ssh-keygen -lf` prints it without `SHA256:`); checked when set. */
    hostKeySha256: z.string().optional(),
    /** Local transport: the folder that holds inbound/, outbound/ and processed/. */
    rootDir: z.string().min(1).optional(),
    folders: z
      .object({ inbound: folder.default('inbound'), outbound: folder.default('outbound'), processed: folder.default('processed') })
      .default({ inbound: 'inbound', outbound: 'outbound', processed: 'processed' }),
    /**
     * `rename`: a file counts once it has its final name (partners upload to a temporary name such as
     * `.x.part` / `x.tmp` / `x.filepart` and rename). `done-marker`: only files with a `<name>.done` beside them.
     */
    completion: z.enum(['rename', 'done-marker']).default('rename'),
    /** What the connector writes: CSV files, or X12 (846 stock, 856 ship notices). */
    outboundFormat: z.enum(['csv', 'x12']).default('csv'),
    columns: columnMappingsSchema,
    csvDelimiter: z.string().length(1).default(','),
    /** Currency of CSV orders without a currency column. */
    defaultCurrency: z.string().length(3).default('EUR'),
    /** The warehouse code written in stock files (and read from counts when the row has none). */
    warehouseCode: z.string().min(1).default('WH1'),
    /** Hub location ids by the partner's warehouse code, for stock counts; unmapped codes are matched to hub location codes. */
    locations: z.record(z.string(), z.string()).default({}),
    x12: z
      .object({
        senderQualifier: z.string().length(2).default('ZZ'),
        senderId: z.string().min(1).max(15).default('OMSHUB'),
        receiverQualifier: z.string().length(2).default('ZZ'),
        receiverId: z.string().min(1).max(15).default('PARTNER'),
        /** ISA15: P production, T test. */
        usage: z.enum(['P', 'T']).default('P'),
        /** PO1 product id qualifiers read as the SKU, first match wins (SK = SKU, VN = vendor's item number). */
        skuQualifiers: z.array(z.string().length(2)).min(1).default(['SK', 'VN']),
        /** The trading partner's e-mail in the hub, for 850s without a PER e-mail contact. */
        buyerEmail: z.string().email().optional(),
      })
      .default({ senderQualifier: 'ZZ', senderId: 'OMSHUB', receiverQualifier: 'ZZ', receiverId: 'PARTNER', usage: 'P', skuQualifiers: ['SK', 'VN'] }),
    /** Where the connector keeps its state for this connection (applied files, control numbers). */
    stateDir: z.string().min(1).default('.data/erp-wms'),
    /** Orders per batch handed to the hub. */
    pageSize: z.number().int().min(1).max(1000).default(100),
    stockBuffer: z.number().int().min(0).optional(),
    timeoutMs: z.number().int().min(1000).default(20_000),
  })
  .superRefine((config, ctx) => {
    if (config.transport === 'local') {
      if (!config.rootDir) ctx.addIssue({ code: 'custom', path: ['rootDir'], message: 'is required for the local transport' });
      return;
    }
    if (!config.host) ctx.addIssue({ code: 'custom', path: ['host'], message: 'is required for SFTP' });
    if (!config.username) ctx.addIssue({ code: 'custom', path: ['username'], message: 'is required for SFTP' });
    if (!config.password && !config.privateKey) ctx.addIssue({ code: 'custom', path: ['password'], message: 'give password or privateKey for SFTP' });
  });

export type ErpWmsConfig = z.output<typeof erpWmsConfigSchema>;
export type ErpWmsConfigInput = z.input<typeof erpWmsConfigSchema>;

export const erpWmsManifest: ConnectorManifest<ErpWmsConfig> = {
  id: 'erp-wms',
  displayName: 'ERP/WMS files',
  version: '0.1.0',
  capabilities: ['orders.read', 'stock.write', 'fulfillment.write'],
  configSchema: erpWmsConfigSchema as unknown as z.ZodType<ErpWmsConfig>,
  secretFields: ['password', 'privateKey', 'passphrase'],
  // Not an HTTP API: the limit caps SFTP sessions opened per second for one connection.
  rateLimit: { requestsPerSecond: 5, burst: 10, maxConcurrent: 2 },
};

/** Where the connection points, for logs and the kit's context (`sftp://host:port`, `file:///dir`). */
export function connectionUrl(config: ErpWmsConfig): string {
  return config.transport === 'local' ? `file://${config.rootDir}` : `sftp://${config.host}:${config.port}`;
}
