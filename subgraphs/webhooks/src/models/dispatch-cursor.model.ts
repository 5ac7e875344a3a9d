// Where the dispatcher has got to in each event log it follows (one document per log, `_id` the log
// name), so a restart resumes from the last fanned-out page instead of the beginning; and the lease
// claims (`<log>@lease:<slot>`) that let one webhooks process at a time follow each log.
import { consumerCursorModel, type ConsumerCursorModel } from '@oms/platform';
import type { Connection } from 'mongoose';

export type DispatchCursorModel = ConsumerCursorModel;

export function dispatchCursorModel(connection: Connection): DispatchCursorModel {
  return consumerCursorModel(connection, 'webhook_cursors', 'DispatchCursor');
}
