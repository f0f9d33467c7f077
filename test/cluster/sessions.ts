// Session tokens for the cluster's tests and benches, signed the way a replica signs people in: with the
// cluster's SESSION_SECRET, and with the session's row in the cluster's database (every replica checks it).
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import type { Cluster } from '../../scripts/cluster.js';
import { signSession, type Factor } from '../../server/auth.js';
import type { AppContext, Principal } from '../../server/context.js';
import type { DB } from '../../server/db.js';

/** A function minting a fresh session token for a principal, writing through `pool`. */
export function clusterSessions(
  cluster: Pick<Cluster, 'sessionSecret'>,
  pool: pg.Pool,
): { tokenFor(principal: Principal): Promise<string>; destroy(): Promise<void> } {
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const ctx = {
    now: () => new Date(),
    secret: new TextEncoder().encode(cluster.sessionSecret),
    store: { db },
  };
  return {
    tokenFor: async (principal) => {
      // staff as after their passkey step (the passkey ceremonies are tested in server/test/passkeys.test.ts)
      const amr: Factor[] = principal.role === 'staff' ? ['otp', 'hwk'] : ['otp'];
      return (await signSession(ctx as unknown as AppContext, principal, amr)).token;
    },
    destroy: () => db.destroy(),
  };
}
