// Call-quality evidence: each side of a call sends a compact summary of its connection during and after the call;
// the latest one per side is kept beside the call's lost-time credit, so a complaint can be answered with facts.
import type { z } from '@hono/zod-openapi';
import type { AppContext, Principal } from './context.js';
import type { CallQualityTable } from './db.js';
import { rateLimited } from './auth.js';
import { ApiError, forbidden } from './problems.js';
import type * as S from './schemas.js';
import { visibleVisit } from './visits/access.js';

/** Live summaries at most this often per side (the client sends every 30 s); the final one always lands. */
export const QUALITY_MIN_INTERVAL_MS = 10_000;
/** A final summary may arrive a little after the end (the page is closing, the network is back). */
const LATE_MS = 15 * 60_000;

type Summary = z.infer<typeof S.QualitySummary>;

export async function recordQuality(ctx: AppContext, p: Principal, visitId: string, input: Summary) {
  if (p.role === 'staff') throw forbidden('Quality is reported by the participants of the call only.');
  const visit = await visibleVisit(ctx, p, visitId);
  const call = await ctx.store.db
    .selectFrom('calls')
    .selectAll()
    .where('visit_id', '=', visit.id)
    .executeTakeFirst();
  if (!call) throw new ApiError(404, 'not-found', 'That visit has no video call.');
  // Only a call that took place has quality to report.
  if (!call.admitted_at) throw new ApiError(403, 'not-admitted', 'You have not been admitted to this call.');
  const now = ctx.now();
  if (now.getTime() > Date.parse(call.ends_at) + LATE_MS)
    throw new ApiError(409, 'call-ended', 'The call has already ended.');
  const identity = p.role === 'visitor' ? `visitor:${p.id}` : `prisoner:${visit.prisoner_id}`;
  const row: CallQualityTable = {
    visit_id: visit.id,
    identity,
    role: p.role,
    packet_loss_bp: Math.round(input.packetLossPercent * 100),
    rtt_ms: input.roundTripMs,
    bitrate_kbps: input.bitrateKbps,
    freezes: input.freezes,
    reconnections: input.reconnections,
    final: input.final ? 1 : 0,
    first_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  const earliest = new Date(now.getTime() - QUALITY_MIN_INTERVAL_MS).toISOString();
  // One statement decides, so replicas agree: a new side inserts; an update lands only if the last one is old
  // enough, or this is the first final one. Nothing lands after a final summary.
  const written = await ctx.store.db
    .insertInto('call_quality')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['visit_id', 'identity'])
        .doUpdateSet({
          packet_loss_bp: row.packet_loss_bp,
          rtt_ms: row.rtt_ms,
          bitrate_kbps: row.bitrate_kbps,
          freezes: row.freezes,
          reconnections: row.reconnections,
          final: row.final,
          updated_at: row.updated_at,
        })
        .where((eb) =>
          eb.and([
            eb('call_quality.final', '=', 0),
            input.final ? eb.lit(true) : eb('call_quality.updated_at', '<=', earliest),
          ]),
        ),
    )
    .returning('visit_id')
    .executeTakeFirst();
  if (!written)
    throw rateLimited(Math.ceil(QUALITY_MIN_INTERVAL_MS / 1000), {
      text: 'Quality summaries come at most every {seconds} seconds.',
      vars: { seconds: QUALITY_MIN_INTERVAL_MS / 1000 },
    });
  return callQuality(ctx, visit.id);
}

/** The call's quality as staff see it: each side's latest summary and the lost-time credit. */
export async function callQuality(ctx: AppContext, visitId: string): Promise<z.infer<typeof S.CallQuality>> {
  const [call, rows] = await Promise.all([
    ctx.store.db
      .selectFrom('calls')
      .select('credited_seconds')
      .where('visit_id', '=', visitId)
      .executeTakeFirst(),
    ctx.store.db
      .selectFrom('call_quality')
      .selectAll()
      .where('visit_id', '=', visitId)
      .orderBy('role', 'desc')
      .orderBy('identity')
      .execute(),
  ]);
  return {
    visitId,
    creditedSeconds: call?.credited_seconds ?? 0,
    sides: rows.map((r) => ({
      side: r.role,
      final: r.final === 1,
      packetLossPercent: r.packet_loss_bp / 100,
      roundTripMs: r.rtt_ms,
      bitrateKbps: r.bitrate_kbps,
      freezes: r.freezes,
      reconnections: r.reconnections,
      firstAt: r.first_at,
      updatedAt: r.updated_at,
    })),
  };
}

/** Staff of the visit's prison read its call quality (live tile and history). */
export async function staffCallQuality(ctx: AppContext, p: Principal, visitId: string) {
  if (p.role !== 'staff') throw forbidden();
  const visit = await visibleVisit(ctx, p, visitId);
  return callQuality(ctx, visit.id);
}
