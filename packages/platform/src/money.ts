// Money is integer minor units plus an ISO-4217 currency: no floating point ever touches an amount.
import currencyCodes from 'currency-codes';
import { badInput } from './errors';

export interface Money {
  amount: number;
  currency: string;
}

export function isCurrency(code: string): boolean {
  return currencyCodes.code(code) !== undefined;
}

export function minorUnitDigits(currency: string): number {
  return currencyCodes.code(currency)?.digits ?? 2;
}

export function assertMinorUnits(field: string, amount: number): void {
  if (!Number.isSafeInteger(amount)) throw badInput(field, 'must be an integer amount in minor units (e.g. cents)');
}

export function money(amount: number, currency: string): Money {
  return { amount, currency };
}
