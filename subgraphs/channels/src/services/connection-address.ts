// Where a connection may point when someone other than an ADMIN sets it: public addresses only (the
// outbound guard of @oms/platform), so a STAFF key cannot aim the connector runtime — and the
// credentials it sends — at the hub's own network or a cloud metadata service. Checked when the
// address is set: by form, and by what the name resolves to then. OMS_CHANNELS_ALLOW_PRIVATE_URLS=1
// lifts it (development against simulators on 127.0.0.1).
import { assertPublicUrl, badInput, isOutboundAddressError, type Identity } from '@oms/platform';
import { channelsConfig } from '../config';

/** Config fields that name a host: `baseUrl`, `endpoint`, `tokenEndpoint`, `host`, `shopDomain`. */
const ADDRESS_FIELD = /(url|endpoint|host|domain)$/i;

export function mayTargetPrivateAddresses(identity: Pick<Identity, 'role'>): boolean {
  return identity.role === 'ADMIN' || identity.role === 'SERVICE' || channelsConfig.read().OMS_CHANNELS_ALLOW_PRIVATE_URLS;
}

/** BAD_USER_INPUT naming `input.config.<field>` for the first of `fields` that points at a non-public address. */
export async function assertPublicAddresses(config: Record<string, unknown>, fields: Iterable<string>): Promise<void> {
  for (const field of fields) {
    const value = config[field];
    if (!ADDRESS_FIELD.test(field) || typeof value !== 'string' || !value.trim()) continue;
    const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value.trim()}`;
    try {
      await assertPublicUrl(url);
    } catch (error) {
      if (isOutboundAddressError(error)) throw badInput(`input.config.${field}`, `must point at a public address: ${error.message} (only an ADMIN may point a connection at a private network)`);
      // Not a URL at all: the connector's own schema has judged the value already.
    }
  }
}
