// The conformance suite (run inside jest): `import { describeConformance } from '@oms/connector-kit'`.
export { describeConformance } from './describe-conformance';
export { ensureInventory, hubOrders, ordersByChannel, availableInHub } from './hub-fixtures';
export type * from './types';
