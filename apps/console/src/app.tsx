// Sign-in gate and the console's pages. The key stays in sessionStorage, so a reload keeps the session
// and every page keeps its state in the URL.
import { useMemo, useState } from 'react';
import { Provider } from 'urql';
import { createGraphClient } from './graph/client';
import { forgetKey, storedKey, storeKey } from './session';
import { SignIn } from './pages/sign-in';
import { SignedIn } from './signed-in';

export function App() {
  const [apiKey, setApiKey] = useState<string | null>(() => storedKey());
  const graph = useMemo(() => (apiKey ? createGraphClient(apiKey) : null), [apiKey]);

  if (!apiKey || !graph)
    return (
      <SignIn
        onSignedIn={(key) => {
          storeKey(key);
          setApiKey(key);
        }}
      />
    );
  return (
    <Provider value={graph.client}>
      <SignedIn
        onSignOut={() => {
          forgetKey();
          graph.dispose();
          setApiKey(null);
        }}
      />
    </Provider>
  );
}
