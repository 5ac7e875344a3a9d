// The conformance suite (jest only): `import { describeConformance } from '@oms/connector-kit/src/conformance'`.
export { describeConformance } from './describe-conformance';
export { ensureInventory, hubOrders, ordersByChannel, availableInHub } from './hub-fixtures';
export type * from './types';
