import type { Ledger } from '../../schemas/ledger.ts';
import { LedgerError } from '../../lib/ledger/format.ts';

/** What a store holds now, and the version a write must name to replace it (null: nothing yet). */
export interface LedgerSnapshot {
  ledger: Ledger;
  version: string | null;
  /** The time by the clock of the server that holds the ledger (its HTTP Date), epoch ms, where there is one. */
  serverTime?: number;
}

/**
 * Where the ledger is kept. Writes are compare-and-swap: a write names the version it read, and is
 * refused when someone else wrote since. That is what keeps two runs from publishing one post twice.
 */
export interface LedgerStore {
  /** Where the ledger is, for messages: a path or owner/repo@branch:path. */
  readonly where: string;
  read(): Promise<LedgerSnapshot>;
  /** The new version, or null when the stored version is no longer `expected`. */
  write(ledger: Ledger, expected: string | null): Promise<string | null>;
}

/**
 * What to say when there is no ledger where one is expected. It may have been lost (a deleted branch,
 * a wrong path): starting afresh would send again every post still in its window, so only a person
 * starts one.
 */
export function missingLedger(where: string): LedgerError {
  return new LedgerError(
    `there is no ledger at ${where}. If posts were published before, it was lost or this is the wrong place: restore it (from the branch's history, or a backup) or name the right one with --ledger. If this is the first run, start one with herald ledger init.`,
  );
}

/** How many times a change is re-applied after losing a race before the run gives up. */
const maxRaces = 50;

/**
 * Applies `change` to the current ledger and writes the result with compare-and-swap; when another
 * writer got there first, reads again and re-applies, so the change always sees the latest entries
 * (and may decide differently, e.g. find a post already claimed). `change` returns undefined to
 * write nothing. A ledger that is not there is never created here (see missingLedger), unless
 * `create` says so: only `herald ledger init` does.
 */
export async function updateLedger<T>(
  store: LedgerStore,
  change: (ledger: Ledger) => { ledger?: Ledger; result: T },
  options: { create?: boolean } = {},
): Promise<T> {
  for (let race = 0; race < maxRaces; race++) {
    const snapshot = await store.read();
    if (snapshot.version === null && !options.create) throw missingLedger(store.where);
    const { ledger, result } = change(structuredClone(snapshot.ledger));
    if (!ledger) return result;
    if ((await store.write(ledger, snapshot.version)) !== null) return result;
  }
  throw new LedgerError(
    `${store.where} kept changing under this run (${maxRaces} writes lost to other writers). Is another run stuck in a loop?`,
  );
}
