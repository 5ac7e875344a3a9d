// The ERP/WMS connector: files over SFTP (or a local folder) as CSV and X12 EDI. Orders come in as
// CSV or 850s (the orders stream), shipment confirmations and stock counts through the inbox
// (processInbox, which the runtime runs as the connector's inbox after each orders sync), stock and shipments go out as files or 846/856. See README.md.
import type { Connector } from '@oms/connector-kit';
import { checkConnection } from './check';
import { connectionUrl, erpWmsManifest, type ErpWmsConfig } from './manifest';
import { processInbox } from './inbox/process-inbox';
import { ordersStream } from './streams/orders';
import { createFulfillment } from './writers/fulfillment';
import { setStock } from './writers/stock';

export const erpWmsConnector: Connector<ErpWmsConfig> = {
  manifest: erpWmsManifest,
  // No HTTP: the kit's context only needs to know where the connection points.
  httpOptions: (config) => ({ baseUrl: connectionUrl(config) }),
  check: checkConnection,
  streams: { orders: ordersStream },
  writers: { setStock, createFulfillment },
  inbox: {
    process: async (ctx, hub) => {
      const report = await processInbox({ ctx, hub: { url: hub.url, headers: hub.headers }, onDeadLetters: (entries, refusals) => hub.deadLetters(entries, refusals) });
      return { files: report.files, deadLetters: report.deadLetters, stockRefusals: report.stockRefusals };
    },
  },
};

export { erpWmsManifest, erpWmsConfigSchema, connectionUrl, type ErpWmsConfig, type ErpWmsConfigInput } from './manifest';
export { processInbox, type InboxOptions, type InboxReport, type InboxFileReport } from './inbox/process-inbox';
export type { InboxDeadLetter, StockCountRefusal } from './inbox/dead-letter';
export { exportOrders, type ExportedOrder } from './writers/order-export';
export { encodeCheckpoint, decodeCheckpoint } from './streams/orders';
export { ConnectionState } from './state/connection-state';
export { readInterchange } from './edi/x12-read';
export { startErpWmsSimulator, type ErpWmsSimulatorOptions, type ErpWmsSimulatorHandle } from './simulator';
