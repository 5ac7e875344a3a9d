/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type CustomerTier =
  | 'STANDARD'
  | 'SILVER'
  | 'GOLD'
  | 'VIP';

export type UpsertCustomerInput = {
  email: string;
  name?: string | null | undefined;
  phone?: string | null | undefined;
  tier?: CustomerTier | null | undefined;
  addresses?: Array<CustomerAddressInput> | null | undefined;
  channelIdentities?: Array<ChannelIdentityInput> | null | undefined;
  /** Create the customer with these details, or return the existing one with this email unchanged. */
  keepExisting?: boolean | null | undefined;
};

export type CustomerAddressInput = {
  label?: string | null | undefined;
  name?: string | null | undefined;
  company?: string | null | undefined;
  line1: string;
  line2?: string | null | undefined;
  city: string;
  region?: string | null | undefined;
  postalCode?: string | null | undefined;
  countryCode: string;
  phone?: string | null | undefined;
  isDefault?: boolean | null | undefined;
};

export type ChannelIdentityInput = {
  channel: string;
  externalId: string;
};

export type OrderCustomersQueryVariables = Exact<{
  r: Array<Record<string, unknown>> | Record<string, unknown>;
}>;


export type OrderCustomersQuery = { _entities: Array<{ __typename: 'Customer', id: string, email: string, tier: CustomerTier } | null> };

export type OrderCustomerMutationVariables = Exact<{
  input: UpsertCustomerInput;
}>;


export type OrderCustomerMutation = { upsertCustomer: { id: string, email: string, tier: CustomerTier } };


export const OrderCustomersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrderCustomers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"r"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"_Any"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"_entities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"representations"},"value":{"kind":"Variable","name":{"kind":"Name","value":"r"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Customer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}}]}}]}}]}}]} as unknown as DocumentNode<OrderCustomersQuery, OrderCustomersQueryVariables>;
export const OrderCustomerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OrderCustomer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpsertCustomerInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upsertCustomer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}}]}}]}}]} as unknown as DocumentNode<OrderCustomerMutation, OrderCustomerMutationVariables>;