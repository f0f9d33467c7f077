// Checks the audit trail's hash chains: `npm run audit:verify` (the database in DATABASE_URL, or the default
// SQLite file), `npm run audit:verify -- <database url>`, or `npm run audit:verify -- --file export.json` for
// an export from /staff/audit/export (its rows must hash and link; rows outside its range are not seen).
// Prints one line per chain and exits 1 if any row was edited, deleted or re-linked.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { verifyChain, type ChainCheck } from './audit-chain.js';
import { auditChains, verifyAuditChain } from './audit.js';
import { openDatabase } from './db.js';

const DEFAULT_SQLITE = '.data/visit-kit.sqlite';

export async function verifyDatabase(url: string): Promise<{ chain: string; check: ChainCheck }[]> {
  const store = await openDatabase(url);
  try {
    const results = [];
    for (const chain of await auditChains(store))
      results.push({ chain, check: await verifyAuditChain(store, chain) });
    return results;
  } finally {
    await store.close();
  }
}

interface ExportFile {
  prisonCode: string;
  head: { seq: number; hash: string };
  entries: {
    seq: number;
    id: string;
    at: string;
    actor: string;
    role: string;
    action: string;
    subject: string;
    visitId: string | null;
    prisonCode: string | null;
    channel: string;
    details: string;
    prevHash: string;
    hash: string;
  }[];
}

export function verifyExport(data: ExportFile): ChainCheck {
  return verifyChain(
    data.entries.map((e) => ({
      id: e.id,
      at: e.at,
      actor: e.actor,
      role: e.role,
      action: e.action,
      subject: e.subject,
      visit_id: e.visitId,
      prison_code: e.prisonCode,
      channel: e.channel,
      details: e.details,
      chain: data.prisonCode,
      seq: e.seq,
      prev_hash: e.prevHash,
      hash: e.hash,
    })),
    [],
    undefined,
  );
}

const describe = (check: ChainCheck) =>
  check.ok
    ? `ok (${check.checked} rows)`
    : `TAMPERED: ${check.problems.map((p) => `${p.kind} at seq ${p.seq}`).join(', ')}`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  let failed = false;
  if (args[0] === '--file') {
    const check = verifyExport(JSON.parse(readFileSync(args[1]!, 'utf8')) as ExportFile);
    process.stdout.write(`export ${args[1]}: ${describe(check)}\n`);
    failed = !check.ok;
  } else {
    const results = await verifyDatabase(args[0] ?? process.env.DATABASE_URL ?? DEFAULT_SQLITE);
    for (const { chain, check } of results) {
      process.stdout.write(`chain ${chain || '(no prison)'}: ${describe(check)}\n`);
      if (!check.ok) failed = true;
    }
    if (results.length === 0) process.stdout.write('no audit rows\n');
  }
  process.exit(failed ? 1 : 0);
}
