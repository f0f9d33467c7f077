// Pure parsing of what the backend puts into LiveKit: room metadata and participant attributes.
import type { ParticipantRole, StaffWarning } from './types.js';

/** Room metadata of a call room, per the contract: `{ endsAt, creditedSeconds, warning? }`. */
export interface RoomMetadata {
  endsAt?: number;
  creditedSeconds?: number;
  warning?: StaffWarning;
}

function instant(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Reads room metadata; tolerant: unknown or malformed fields are dropped rather than thrown on, so a
 * newer backend cannot break an older client. Returns `undefined` for empty or non-JSON metadata.
 */
export function parseRoomMetadata(raw: string | undefined): RoomMetadata | undefined {
  if (!raw) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const result: RoomMetadata = {};
  const endsAt = instant(record.endsAt);
  if (endsAt !== undefined) result.endsAt = endsAt;
  const credited = record.creditedSeconds;
  if (typeof credited === 'number' && Number.isFinite(credited) && credited >= 0) {
    result.creditedSeconds = credited;
  }
  const warning = record.warning as Record<string, unknown> | undefined;
  if (warning && typeof warning === 'object' && typeof warning.message === 'string') {
    const at = instant(warning.at);
    result.warning = {
      message: warning.message,
      at: at === undefined ? '' : new Date(at).toISOString(),
    };
  }
  return result;
}

const ROLES: readonly ParticipantRole[] = ['visitor', 'prisoner', 'staff'];

export function roleOf(attributes: Readonly<Record<string, string>> | undefined): ParticipantRole {
  const role = attributes?.role;
  return ROLES.includes(role as ParticipantRole) ? (role as ParticipantRole) : 'unknown';
}

export function displayName(
  attributes: Readonly<Record<string, string>> | undefined,
  name: string | undefined,
  identity: string,
): string {
  return attributes?.name?.trim() || name?.trim() || identity;
}
