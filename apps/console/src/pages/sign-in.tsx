// Sign-in checks the key against the graph (`viewer`) before keeping it.
import { useState, type FormEvent } from 'react';
import { GRAPHQL_PATH } from '../graph/client';

export function SignIn({ onSignedIn }: { onSignedIn: (key: string) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = key.trim();
    if (!trimmed) return setError('Enter an API key.');
    setChecking(true);
    setError(null);
    try {
      const response = await fetch(GRAPHQL_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${trimmed}` },
        body: JSON.stringify({ query: '{ viewer { role } }' }),
      });
      const body = (await response.json()) as { data?: { viewer?: { role: string } }; errors?: Array<{ message: string }> };
      if (body.data?.viewer) return onSignedIn(trimmed);
      setError(body.errors?.[0]?.message ?? `The hub answered HTTP ${response.status}`);
    } catch (failure) {
      setError(`The hub did not answer: ${(failure as Error).message}`);
    } finally {
      setChecking(false);
    }
  }

  return (
    <main className="sign-in">
      <h1>OMS Hub console</h1>
      <form onSubmit={submit} aria-label="Sign in">
        <div className={error ? 'field field-invalid' : 'field'}>
          <label htmlFor="api-key">API key</label>
          <input id="api-key" name="apiKey" type="password" autoComplete="off" value={key} onChange={(event) => setKey(event.target.value)} aria-invalid={Boolean(error)} aria-describedby={error ? 'api-key-error' : undefined} autoFocus />
          {error && (
            <p className="field-error" id="api-key-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <p className="hint">The key is kept in this browser tab only and forgotten when the tab closes.</p>
        <button type="submit" disabled={checking}>
          {checking ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
