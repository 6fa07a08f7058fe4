import { createHmac, timingSafeEqual } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import type { Ledger, LedgerEntry } from '../../schemas/ledger.ts';
import { LedgerError } from '../../lib/ledger/format.ts';
import type { LedgerSnapshot, LedgerStore } from './store.ts';

/**
 * Seals on the ledger, so the publisher acts only on what it wrote itself. The ledger's entries say
 * which posts went out and under which remote ids; a run deletes those ids when a post is retracted
 * and replies under them to continue a thread. Anyone who can push the ledger branch could otherwise
 * point an entry at any post of the account. So every entry carries an HMAC-SHA256 of its content and
 * its key, and the ledger one of all its entries (so none is removed or added unnoticed), made with
 * HERALD_LEDGER_KEY, a secret only the publish workflow holds. A ledger whose seals do not match stops
 * the run; `herald ledger` is how people change it.
 *
 * The HMAC covers a canonical JSON text (keys sorted, safe-stable-stringify), so the seal does not
 * depend on how the file happens to be formatted.
 */

export const ledgerKeyVariable = 'HERALD_LEDGER_KEY';

/** Shorter keys can be guessed; `openssl rand -hex 32` gives 64 characters. */
const shortestKey = 32;

/** The ledger key from the environment; undefined when it is not set, an error when it is too short to be safe. */
export function ledgerKeyFrom(env: Record<string, string | undefined>): string | undefined {
  const key = env[ledgerKeyVariable]?.trim();
  if (!key) return undefined;
  if (key.length < shortestKey)
    throw new LedgerError(
      `${ledgerKeyVariable} is ${key.length} characters long; use at least ${shortestKey} random ones, e.g. the output of openssl rand -hex 32.`,
    );
  return key;
}

/** What a run says when the key is missing: publishing without it could not prove what it sent. */
export const missingKeyMessage = `${ledgerKeyVariable} is not set. Herald seals the ledger with it, so that a ledger changed by anyone else cannot make it delete or reply to posts it did not send. Create one with openssl rand -hex 32 and store it as a secret of the publishing environment (docs/setup.md, step 5); a dry run works without it.`;

/** The text an entry's seal covers: its key and every field but the seal, canonically. */
function entryText(key: string, entry: LedgerEntry): string {
  const { seal: _seal, ...content } = entry;
  return stringify({ key, entry: content }) ?? '';
}

function hmac(secret: string, kind: 'entry' | 'ledger', text: string): string {
  return `hmac-sha256:${createHmac('sha256', secret).update(`herald-ledger/1 ${kind}\n`).update(text).digest('hex')}`;
}

/** Tells keys apart without revealing them. */
function keyId(secret: string): string {
  return createHmac('sha256', secret).update('herald-ledger/1 key id').digest('hex').slice(0, 16);
}

function same(a: string | undefined, b: string): boolean {
  return a !== undefined && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** The entry with its seal. */
export function sealEntry(key: string, entry: LedgerEntry, secret: string): LedgerEntry {
  return { ...entry, seal: hmac(secret, 'entry', entryText(key, entry)) };
}

/**
 * The ledger's own seal: whatever the ledger holds besides its entries (so anything added to the
 * format later is sealed too), then every key and its entry's text, in key order.
 */
function ledgerSeal(ledger: Ledger, texts: Map<string, string>, secret: string): string {
  const { entries: _entries, seal: _seal, sealedWith: _sealedWith, ...rest } = ledger;
  const lines = [...texts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, text]) => text);
  return hmac(secret, 'ledger', [stringify(rest) ?? '', ...lines].join('\n'));
}

function textsOf(ledger: Ledger): Map<string, string> {
  return new Map(Object.entries(ledger.entries).map(([key, entry]) => [key, entryText(key, entry)]));
}

/**
 * The ledger with every entry that changed since `read` (or has no seal) sealed again, and the
 * ledger's own seal. Entries that did not change keep the seal they were read with.
 */
export function sealLedger(
  ledger: Ledger,
  secret: string,
  read: ReadonlyMap<string, string> = new Map(),
): { ledger: Ledger; texts: Map<string, string> } {
  const texts = textsOf(ledger);
  const entries: Ledger['entries'] = {};
  for (const [key, entry] of Object.entries(ledger.entries)) {
    entries[key] = entry.seal && read.get(key) === texts.get(key) ? entry : sealEntry(key, entry, secret);
  }
  return { ledger: { ...ledger, entries, seal: ledgerSeal(ledger, texts, secret), sealedWith: keyId(secret) }, texts };
}

/**
 * What is wrong with a ledger's seals, in words that say what to do; undefined when Herald wrote it
 * as it is. `where` names the ledger.
 */
export function sealProblem(
  ledger: Ledger,
  secret: string,
  where: string,
  texts = textsOf(ledger),
): string | undefined {
  if (same(ledger.seal, ledgerSeal(ledger, texts, secret))) return undefined;
  const keys = [...texts.keys()];
  const changed = keys.filter((key) => !same(ledger.entries[key]!.seal, hmac(secret, 'entry', texts.get(key)!)));
  const stop = 'Nothing is published until then.';
  const remedy =
    "Restore the last version Herald wrote (the branch's history shows who changed what, and when); only if the change is right, vouch for the ledger as it is with herald ledger seal --yes.";
  if (!ledger.seal) {
    return `${where} has no seal: it was written by hand or by a Herald from before ledgers were sealed. Check its entries (its history shows who changed what), then vouch for it as it is with herald ledger seal --yes. ${stop}`;
  }
  if (ledger.sealedWith !== keyId(secret)) {
    return `${where} was sealed with another ${ledgerKeyVariable} than this one. Use the key the ledger was written with; if it is lost, check the ledger and seal it again with herald ledger seal --yes. ${stop}`;
  }
  if (changed.length > 0) {
    const named = changed.slice(0, 5).join(', ') + (changed.length > 5 ? ` and ${changed.length - 5} more` : '');
    return `${where} was changed outside Herald: ${changed.length === 1 ? 'the entry' : 'the entries'} ${named} ${changed.length === 1 ? 'is' : 'are'} not as Herald wrote ${changed.length === 1 ? 'it' : 'them'}. ${remedy} ${stop}`;
  }
  return `${where} was changed outside Herald: entries were removed, or something besides the entries was changed. ${remedy} ${stop}`;
}

/**
 * A ledger store that reads only ledgers whose seals match and seals what it writes. The publish run
 * and `herald ledger` use it; commands that only show the ledger (validate, calendar, the site) read
 * the store underneath, without the key.
 */
export class SealedLedgerStore implements LedgerStore {
  readonly where: string;
  readonly #inner: LedgerStore;
  readonly #secret: string;
  /** The canonical text of each entry as last read, so a write seals again only what changed. */
  #read = new Map<string, string>();

  constructor(inner: LedgerStore, secret: string) {
    this.#inner = inner;
    this.#secret = secret;
    this.where = inner.where;
  }

  async read(): Promise<LedgerSnapshot> {
    const snapshot = await this.#inner.read();
    if (snapshot.version === null) return snapshot;
    const texts = textsOf(snapshot.ledger);
    const problem = sealProblem(snapshot.ledger, this.#secret, this.where, texts);
    if (problem) throw new LedgerError(problem);
    this.#read = texts;
    return snapshot;
  }

  write(ledger: Ledger, expected: string | null): Promise<string | null> {
    return this.#inner.write(sealLedger(ledger, this.#secret, this.#read).ledger, expected);
  }

  /** Writes the ledger as it is, sealing every entry afresh: a person vouched for it (herald ledger seal). */
  async vouch(): Promise<number> {
    const snapshot = await this.#inner.read();
    if (snapshot.version === null)
      throw new LedgerError(`there is no ledger at ${this.where} to seal. Start one with herald ledger init.`);
    const written = await this.#inner.write(sealLedger(snapshot.ledger, this.#secret).ledger, snapshot.version);
    if (written === null)
      throw new LedgerError(`${this.where} changed while it was being sealed; run herald ledger seal again.`);
    return Object.keys(snapshot.ledger.entries).length;
  }
}
