// Types for `graphql-ws/use/ws`: the package declares it only in its `exports` map, which the
// repository's `moduleResolution: node` does not read (Node and jest resolve it at run time).
declare module 'graphql-ws/use/ws' {
  export * from 'graphql-ws/dist/use/ws.cjs';
}
