// Per-request context of the access subgraph: who is calling and the key service.
import type { IncomingMessage } from 'node:http';
import type DataLoader from 'dataloader';
import { findByKeys, actorOf, keyedLoader, type Identity } from '@oms/platform';
import type { ApiKeyModel, ApiKeyRecord } from './models/api-key.model';
import type { ApiKeyService } from './services/api-key.service';

export interface AccessContext {
  identity: Identity;
  actor: string;
  apiKeys: ApiKeyService;
  loaders: { apiKeyById: DataLoader<string, ApiKeyRecord | null, string> };
}

export function createContextFactory(apiKeys: ApiKeyService, model: ApiKeyModel) {
  return (req: IncomingMessage, identity: Identity): AccessContext => ({
    identity,
    actor: actorOf(req, identity),
    apiKeys,
    loaders: {
      apiKeyById: keyedLoader<string, ApiKeyRecord>(
        (ids) => findByKeys<ApiKeyRecord>(model, '_id', ids),
        (key) => key._id,
      ),
    },
  });
}
