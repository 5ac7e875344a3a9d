// Where deliveries may go: an endpoint registered by anyone but an ADMIN (a partner, staff) reaches
// public addresses only — checked at registration by form and by what the name resolves to then, and
// again at every attempt, with the connection pinned to the addresses checked (@oms/platform's guard).
// OMS_WEBHOOK_ALLOW_PRIVATE_URLS lifts it for development and tests whose receivers listen on 127.0.0.1.
import { assertPublicUrl, badInput, isOutboundAddressError } from '@oms/platform';
import type { WebhookOwnerRecord } from '../models/webhook-endpoint.model';
import type { WebhookSettings } from '../settings';

/** Whether an endpoint of `owner` may only reach public addresses. */
export function publicOnly(owner: Pick<WebhookOwnerRecord, 'role'>, settings: Pick<WebhookSettings, 'allowPrivateUrls'>): boolean {
  return !settings.allowPrivateUrls && owner.role !== 'ADMIN' && owner.role !== 'SERVICE';
}

/** BAD_USER_INPUT on `field` when the URL points at (or resolves to) a non-public address. */
export async function assertDeliverableUrl(owner: Pick<WebhookOwnerRecord, 'role'>, settings: Pick<WebhookSettings, 'allowPrivateUrls'>, url: string, field: string): Promise<void> {
  if (!publicOnly(owner, settings)) return;
  try {
    await assertPublicUrl(url);
  } catch (error) {
    if (isOutboundAddressError(error)) throw badInput(field, `must point at a public address: ${error.message}`);
    throw error;
  }
}
