// Who the signed-in key is, and what the console offers it. The hub enforces every rule itself; the
// console only leaves out what the role may not see or do, so nobody meets a page of FORBIDDEN errors.
import { createContext, useContext } from 'react';
import type { Role } from './gql/graphql';

export interface Viewer {
  subject: string;
  role: Role;
  channels: string[];
}

export interface Abilities {
  /** Back office (ADMIN, STAFF): stock changes, shipments, channel management. */
  operate: boolean;
  readInventory: boolean;
  readChannels: boolean;
  manageChannels: boolean;
  webhooks: boolean;
  manageKeys: boolean;
}

export function abilitiesOf(viewer: Viewer): Abilities {
  const backOffice = viewer.role === 'ADMIN' || viewer.role === 'STAFF' || viewer.role === 'SERVICE';
  const partner = viewer.role === 'PARTNER';
  return {
    operate: backOffice,
    readInventory: backOffice || partner,
    readChannels: backOffice || partner,
    manageChannels: backOffice,
    webhooks: backOffice || partner,
    manageKeys: viewer.role === 'ADMIN',
  };
}

export const ViewerContext = createContext<{ viewer: Viewer; can: Abilities } | null>(null);

export function useViewer(): { viewer: Viewer; can: Abilities } {
  const value = useContext(ViewerContext);
  if (!value) throw new Error('useViewer outside a signed-in console');
  return value;
}
