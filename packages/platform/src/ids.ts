// Entity ids are MongoDB ObjectIds rendered as hex strings.
import { Types } from 'mongoose';
import { badInput } from './errors';

export function isObjectId(value: string): boolean {
  return /^[0-9a-f]{24}$/i.test(value);
}

/** Parses an id argument; a malformed id is bad input naming the field. */
export function parseObjectId(field: string, value: string): Types.ObjectId {
  if (!isObjectId(value)) throw badInput(field, `"${value}" is not a valid id`);
  return new Types.ObjectId(value);
}

/** For lookups: a malformed id simply matches nothing. */
export function toObjectIdOrNull(value: string): Types.ObjectId | null {
  return isObjectId(value) ? new Types.ObjectId(value) : null;
}
