// Attempt limits shared by every replica: counted in the database the replicas share (PostgreSQL, or the
// SQLite file of a single node) with rate-limiter-flexible, so adding a replica does not add attempts.
import {
  RateLimiterPostgres,
  RateLimiterRes,
  RateLimiterSQLite,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { Store } from './db.js';
import type { Limiter, RateLimits, SignInLimits } from './context.js';
import { ApiError } from './problems.js';

const TABLE = 'rate_limits';

async function make(store: Store, name: string, points: number, durationS: number): Promise<Limiter> {
  const options = { keyPrefix: name, points, duration: durationS, tableName: TABLE };
  const limiter: RateLimiterAbstract = await new Promise((resolve, reject) => {
    const done = (error?: unknown) => (error ? reject(error) : resolve(created));
    const created: RateLimiterAbstract =
      'pool' in store.raw
        ? new RateLimiterPostgres(
            { ...options, storeClient: store.raw.pool, storeType: 'pool', clearExpiredByTimeout: false },
            done,
          )
        : new RateLimiterSQLite(
            {
              ...options,
              storeClient: store.raw.sqlite,
              storeType: 'better-sqlite3',
              clearExpiredByTimeout: false,
            },
            done,
          );
  });
  return {
    async take(key, detail) {
      try {
        await limiter.consume(key);
      } catch (error) {
        if (error instanceof RateLimiterRes)
          throw new ApiError(429, 'rate-limited', detail ?? 'Too many attempts. Try again later.', {
            retryAfter: Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
          });
        throw error;
      }
    },
    async giveBack(key) {
      await limiter.reward(key, 1);
    },
  };
}

export async function signInLimits(store: Store, limits: RateLimits): Promise<SignInLimits> {
  const quarter = 15 * 60;
  return {
    codesPerClient: await make(store, 'code-client', limits.codesPerAddress, quarter),
    codesPerEmailClient: await make(store, 'code-email-client', limits.codesPerEmail, quarter),
    guessesPerAccount: await make(store, 'guess-account', limits.guessesPerAccountPerHour, 3600),
    guessesPerClient: await make(store, 'guess-client', limits.guessesPerAddress, quarter),
    linksPerClient: await make(store, 'link-client', limits.linksPerAddress, quarter),
    pairingPerClient: await make(store, 'pair-client', limits.pairingPerAddress, quarter),
  };
}
