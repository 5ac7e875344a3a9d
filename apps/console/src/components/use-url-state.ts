// Page state lives in the URL query, so a reload or a shared link shows the same view.
import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

export function useUrlState<K extends string>(): [Partial<Record<K, string>>, (changes: Partial<Record<K, string | null>>) => void] {
  const [params, setParams] = useSearchParams();
  const state = Object.fromEntries(params.entries()) as Partial<Record<K, string>>;
  const update = useCallback(
    (changes: Partial<Record<K, string | null>>) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes) as Array<[string, string | null | undefined]>) {
          if (value === null || value === undefined || value === '') next.delete(key);
          else next.set(key, value);
        }
        return next;
      }),
    [setParams],
  );
  return [state, update];
}
