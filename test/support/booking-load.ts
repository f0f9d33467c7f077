// Booking under load, shared by the benchmarks (bench/api.ts) and the reliability suite (test/reliability):
// many families racing for the last places of one session, each doing hold → confirm like the real element.
import type { Family, TestServer } from '../../server/test/helpers.js';

export interface Attempt {
  family: Family;
  holdStatus: number;
  holdCode?: string;
  bookingStatus?: number;
  bookingCode?: string;
  visitId?: string;
}

export interface RaceResult {
  attempts: Attempt[];
  booked: number;
  /** Answers with status ≥ 500 (either step). */
  serverErrors: string[];
  /** Every answer that was neither a booking nor a clear `slot-unavailable` problem. */
  unclear: string[];
  wallMs: number;
}

interface Answer {
  status: number;
  code?: string;
  id?: string;
  text: string;
}

async function post(base: string, path: string, token: string, body: unknown): Promise<Answer> {
  const response = await fetch(base + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  let parsed: { code?: string; id?: string } = {};
  if (type.includes('json') && text) parsed = JSON.parse(text) as typeof parsed;
  return {
    status: response.status,
    code: type.includes('problem+json') ? parsed.code : undefined,
    id: parsed.id,
    text,
  };
}

/**
 * Fires one hold → confirm attempt per family at `slotId`, all at once (each family's confirm follows its own
 * hold as soon as it is granted), against the server at `base`.
 */
export async function raceForSlot(base: string, families: Family[], slotId: string): Promise<RaceResult> {
  const started = performance.now();
  const attempts = await Promise.all(
    families.map(async (family): Promise<Attempt> => {
      const hold = await post(base, '/api/v1/holds', family.token, { prisonerId: family.prisonerId, slotId });
      const attempt: Attempt = { family, holdStatus: hold.status, holdCode: hold.code };
      if (hold.status !== 201 || !hold.id) return attempt;
      const booking = await post(base, '/api/v1/bookings', family.token, {
        holdId: hold.id,
        visitorIds: [family.userId],
        contact: {},
      });
      return { ...attempt, bookingStatus: booking.status, bookingCode: booking.code, visitId: booking.id };
    }),
  );
  const wallMs = performance.now() - started;
  const serverErrors: string[] = [];
  const unclear: string[] = [];
  let booked = 0;
  for (const a of attempts) {
    if (a.holdStatus >= 500 || (a.bookingStatus ?? 0) >= 500)
      serverErrors.push(`hold ${a.holdStatus} ${a.holdCode ?? ''} booking ${a.bookingStatus ?? '-'}`);
    if (a.bookingStatus === 201) booked += 1;
    else if (!(a.holdStatus === 409 && a.holdCode === 'slot-unavailable'))
      unclear.push(
        `hold ${a.holdStatus} ${a.holdCode ?? ''} booking ${a.bookingStatus ?? '-'} ${a.bookingCode ?? ''}`,
      );
  }
  return { attempts, booked, serverErrors, unclear, wallMs };
}

/** Creates `n` families (approved link, own prisoner) `batch` at a time. */
export async function manyFamilies(
  t: TestServer,
  n: number,
  options: Parameters<TestServer['family']>[0] = {},
  batch = 50,
): Promise<Family[]> {
  const out: Family[] = [];
  while (out.length < n) {
    const size = Math.min(batch, n - out.length);
    out.push(...(await Promise.all(Array.from({ length: size }, () => t.family(options)))));
  }
  return out;
}
