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
import { sha256 } from './util.js';

const TABLE = 'rate_limits';

function make(store: Store, name: string, points: number, durationS: number): Limiter {
  // the table is made by the migrations (not by each replica at start, which could race)
  const options = { keyPrefix: name, points, duration: durationS, tableName: TABLE, tableCreated: true };
  const limiter: RateLimiterAbstract =
    'pool' in store.raw
      ? new RateLimiterPostgres({
          ...options,
          storeClient: store.raw.pool,
          storeType: 'pool',
          clearExpiredByTimeout: false,
        })
      : new RateLimiterSQLite({
          ...options,
          storeClient: store.raw.sqlite,
          storeType: 'better-sqlite3',
          clearExpiredByTimeout: false,
        });
  // keys hold an email and an address: hash the long ones to fit the table's 255 characters
  const fit = (key: string) => (key.length > 120 ? sha256(key) : key);
  return {
    async take(key, detail) {
      try {
        await limiter.consume(fit(key));
      } catch (error) {
        if (error instanceof RateLimiterRes)
          throw new ApiError(429, 'rate-limited', detail ?? 'Too many attempts. Try again later.', {
            retryAfter: Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
          });
        throw error;
      }
    },
    async giveBack(key) {
      await limiter.reward(fit(key), 1);
    },
  };
}

export function signInLimits(store: Store, limits: RateLimits): SignInLimits {
  const quarter = 15 * 60;
  return {
    codesPerClient: make(store, 'code-client', limits.codesPerAddress, quarter),
    codesPerEmailClient: make(store, 'code-email-client', limits.codesPerEmail, quarter),
    guessesPerAccount: make(store, 'guess-account', limits.guessesPerAccountPerHour, 3600),
    guessesPerClient: make(store, 'guess-client', limits.guessesPerAddress, quarter),
    linksPerClient: make(store, 'link-client', limits.linksPerAddress, quarter),
    pairingPerClient: make(store, 'pair-client', limits.pairingPerAddress, quarter),
  };
}
