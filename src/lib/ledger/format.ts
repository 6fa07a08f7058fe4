import { emptyLedger, ledgerSchema, type Ledger } from '../../schemas/ledger.ts';

/**
 * The ledger as text: how a stored ledger is read and written, the same for the site (which shows
 * what was sent) and the publisher's stores (src/publish/ledger), which add locking and versions.
 */

/** The local ledger's place, ignored by git (.gitignore has .herald/). */
export const localLedgerPath = '.herald/ledger.json';

/** The ledger cannot be read or written: nothing is sent while this is so. */
export class LedgerError extends Error {}

/**
 * Parses a stored ledger, or says where and how it is broken. An absent ledger reads as empty, with no
 * version, and only `herald ledger init` starts one (see updateLedger). A blank one is broken: Herald
 * never writes one, so something else emptied it, and reading it as empty would send everything in
 * the window again.
 */
export function parseLedger(text: string | undefined, where: string): Ledger {
  if (text === undefined) return emptyLedger();
  if (text.trim() === '') {
    throw new LedgerError(
      `${where} is empty, which Herald never writes: restore it from its history (or a backup) before publishing again. Only if nothing was ever published with it, delete it and start a new one with herald ledger init.`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new LedgerError(
      `${where} is not valid JSON (${(error as Error).message}). Fix or restore it from git history before publishing again.`,
    );
  }
  const parsed = ledgerSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || 'the file'}: ${issue.message}`);
    throw new LedgerError(`${where} is not a Herald ledger (${issues.join('; ')}). Fix it before publishing again.`);
  }
  return parsed.data;
}

export function serializeLedger(ledger: Ledger): string {
  const entries = Object.fromEntries(Object.entries(ledger.entries).sort(([a], [b]) => a.localeCompare(b)));
  const { cleared, ...rest } = ledger;
  return `${JSON.stringify({ ...rest, entries, ...(cleared?.length ? { cleared } : {}) }, null, 2)}\n`;
}

/** A ledger file that exists but cannot be read (permissions, a folder in its place). */
export function unreadableLedger(where: string, error: unknown): LedgerError {
  return new LedgerError(`cannot read the ledger ${where}: ${error instanceof Error ? error.message : String(error)}`);
}
