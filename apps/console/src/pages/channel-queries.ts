import { graphql } from '../gql';

export const ChannelConnectionsQuery = graphql(`
  query ChannelConnections {
    channelConnections {
      id
      name
      channel
      kind
      status
      statusReason
      lastSyncAt
      lastSuccessAt
      health {
        ok
        message
        lastCheckAt
      }
      lag {
        syncSeconds
        pendingStockSkus
        pendingFulfillments
        outboundSeconds
      }
      counts {
        imported
        deadLetters
      }
      currentRun {
        id
        status
        progress {
          read
          imported
        }
      }
    }
  }
`);

export const ChannelConnectionQuery = graphql(`
  query ChannelConnection($id: ID!, $letterStatus: DeadLetterStatus) {
    channelConnection(id: $id) {
      id
      name
      channel
      kind
      config
      stockBuffer
      syncIntervalSeconds
      status
      statusReason
      parkedReason
      lastSyncAt
      lastSuccessAt
      nextSyncAt
      health {
        ok
        message
        lastCheckAt
      }
      lag {
        syncSeconds
        pendingStockSkus
        pendingFulfillments
        outboundSeconds
      }
      counts {
        imported
        unchanged
        cancelled
        deadLetters
        pushedStock
        pushedFulfillments
        webhooksReceived
      }
      currentRun {
        id
        stream
        trigger
        status
        startedAt
        progress {
          batches
          read
          imported
          created
          unchanged
          deadLettered
        }
      }
      runs(first: 10) {
        id
        stream
        trigger
        status
        startedAt
        finishedAt
        error
        progress {
          read
          imported
          deadLettered
        }
      }
      deadLetters(first: 50, status: $letterStatus) {
        totalCount
        edges {
          node {
            id
            channelRecordId
            stream
            stage
            reason
            status
            attempts
            updatedAt
          }
        }
      }
    }
  }
`);

export const PauseConnectionMutation = graphql(`
  mutation PauseConnection($id: ID!, $reason: String) {
    pauseChannelConnection(id: $id, reason: $reason) {
      id
      status
    }
  }
`);

export const ResumeConnectionMutation = graphql(`
  mutation ResumeConnection($id: ID!) {
    resumeChannelConnection(id: $id) {
      id
      status
    }
  }
`);

export const TriggerSyncMutation = graphql(`
  mutation TriggerSync($id: ID!) {
    triggerChannelSync(id: $id) {
      id
      status
    }
  }
`);

export const RetryDeadLettersMutation = graphql(`
  mutation RetryDeadLetters($connectionId: ID!, $ids: [ID!]) {
    retryDeadLetters(connectionId: $connectionId, ids: $ids) {
      id
      status
      attempts
    }
  }
`);

export const ChannelConnectorsQuery = graphql(`
  query ChannelConnectors {
    channelConnectors {
      kind
      displayName
      secretFields
      capabilities
      configFields {
        name
        type
        required
        secret
        description
        options
        defaultValue
      }
    }
  }
`);

export const AddConnectionMutation = graphql(`
  mutation AddConnection($input: AddChannelConnectionInput!) {
    addChannelConnection(input: $input) {
      id
      name
    }
  }
`);
