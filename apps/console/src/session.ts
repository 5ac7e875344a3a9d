// The API key lives in sessionStorage only: it ends with the tab and is never written to disk or a cookie.
const KEY = 'oms.console.apiKey';

export function storedKey(): string | null {
  return sessionStorage.getItem(KEY);
}

export function storeKey(key: string): void {
  sessionStorage.setItem(KEY, key);
}

export function forgetKey(): void {
  sessionStorage.removeItem(KEY);
}
