// The operator's way to a first passkey: `npm run staff:enrolment-code -- <staff email> [--revoke]` prints a
// single-use set-up code for that member of staff (the database in DATABASE_URL, or the default SQLite file).
// After the first, colleagues of the same prison issue codes from the console; every issue is audited.
import { pathToFileURL } from 'node:url';
import type { AppContext } from './context.js';
import { openDatabase } from './db.js';
import { issueEnrolmentCode } from './passkeys.js';

const DEFAULT_SQLITE = '.data/visit-kit.sqlite';

export async function operatorEnrolmentCode(databaseUrl: string, email: string, revokeExisting: boolean) {
  const store = await openDatabase(databaseUrl);
  try {
    const ctx = { store, now: () => new Date(), config: { dev: false } } as unknown as AppContext;
    return await issueEnrolmentCode(ctx, 'operator', email, revokeExisting);
  } finally {
    await store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const email = args.find((a) => !a.startsWith('--'));
  if (!email) {
    console.error('Usage: npm run staff:enrolment-code -- <staff email> [--revoke]');
    process.exit(2);
  }
  const issued = await operatorEnrolmentCode(
    process.env.DATABASE_URL || DEFAULT_SQLITE,
    email,
    args.includes('--revoke'),
  );
  console.log(`Set-up code for ${issued.email}: ${issued.code} (single use, until ${issued.expiresAt})`);
}
