import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Clearance } from '../../schemas/ledger.ts';
import { updateLedger, type LedgerStore } from '../ledger/store.ts';
import type { Step } from './decide.ts';
import { canonical } from './settings.ts';

/**
 * The approval gate's memory, kept in the ledger (`cleared`): for an input value brought by a change
 * and judged by a set of rules, every reviewed change it relies on and who approved it. A later run
 * that finds the same value, change and rules re-checks only what may have changed since, whether
 * each approver still has write access or team membership, instead of walking the history again.
 *
 * Anyone who can push the ledger branch could write an entry, so an entry counts only with a valid
 * seal: an HMAC-SHA256 keyed by the credentials of every channel the post goes to. Only the publish
 * run holds them, and whoever else holds them could post to those channels directly, so a forged
 * entry gains nothing. Without credentials (`herald approvals` on a laptop) nothing is read or written.
 */

export interface CacheKey {
  input: string;
  value: string | null;
  commit: string;
  rules: string;
}

export interface ApprovalCache {
  /** The steps remembered under `key`, when a seal made with `secret` vouches for them. */
  get(key: CacheKey, secret: Uint8Array): Promise<Step[] | undefined>;
  /** Remembers `steps` under `key`, sealed with `secret`, in the next `flush`. */
  put(key: CacheKey, steps: Step[], secret: Uint8Array): void;
  /** Writes what was remembered since the last flush, dropping entries that are stale or old. */
  flush(): Promise<void>;
}

/** How long an entry is kept: a post is usually checked around its time, and a repeating one once per occurrence. */
const keepMs = 90 * 24 * 3_600_000;

const sha256 = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

/** Blob ids as they are; a setting's value (or its absence) as a hash, so the ledger stays small. */
export function storedValue(value: string | null): string {
  return value !== null && /^[0-9a-f]{40,64}$/.test(value) ? value : sha256(value ?? '<absent>');
}

/** Fingerprint of what a judgement depends on besides history: channels, rules and authors. */
export function rulesFingerprint(parts: unknown): string {
  return sha256(canonical(parts));
}

/** The key that seals entries for a set of channels: derived from all their credentials, or undefined when one has none. */
export function sealKey(credentials: { channel: string; values: string[] }[]): Uint8Array | undefined {
  if (credentials.length === 0 || credentials.some((c) => c.values.length === 0)) return undefined;
  const hash = createHash('sha256').update('herald approval cache v1');
  for (const { channel, values } of [...credentials].sort((a, b) => a.channel.localeCompare(b.channel))) {
    hash.update(`\0${channel}`);
    for (const value of values) hash.update(`\0${value}`);
  }
  return hash.digest();
}

function sealOf(entry: Omit<Clearance, 'seal'>, secret: Uint8Array): string {
  const message = canonical([entry.input, entry.value, entry.commit, entry.rules, entry.steps, entry.clearedAt]);
  return `hmac-sha256:${createHmac('sha256', secret).update(message).digest('hex')}`;
}

function sealed(entry: Clearance, secret: Uint8Array): boolean {
  const expected = Buffer.from(sealOf(entry, secret));
  const given = Buffer.from(entry.seal);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const same = (entry: Clearance, key: CacheKey) => entry.input === key.input && entry.rules === key.rules;

/** The cache over a ledger store; `now` dates new entries and decides which are too old to keep. */
export function ledgerApprovalCache(store: LedgerStore, now: number): ApprovalCache {
  let loaded: Promise<Map<string, Clearance[]>> | undefined;
  // By input and rules: the settings every post shares are judged for each post, and kept once.
  const pending = new Map<string, Clearance>();
  const pendingKey = (entry: Pick<Clearance, 'input' | 'rules'>) => `${entry.input}\0${entry.rules}`;
  const byInput = (entries: Clearance[]) => Map.groupBy(entries, (e) => e.input);
  const load = () => (loaded ??= store.read().then(({ ledger }) => byInput(ledger.cleared ?? [])));
  const matches = (entry: Clearance | undefined, key: CacheKey, secret: Uint8Array) =>
    entry !== undefined &&
    same(entry, key) &&
    entry.value === storedValue(key.value) &&
    entry.commit === key.commit &&
    sealed(entry, secret);
  return {
    async get(key, secret) {
      const waiting = pending.get(pendingKey(key));
      if (matches(waiting, key, secret)) return waiting!.steps;
      return (await load()).get(key.input)?.find((e) => matches(e, key, secret))?.steps;
    },
    put(key, steps, secret) {
      const entry = {
        input: key.input,
        value: storedValue(key.value),
        commit: key.commit,
        rules: key.rules,
        steps,
        clearedAt: new Date(now).toISOString(),
      };
      pending.set(pendingKey(entry), { ...entry, seal: sealOf(entry, secret) });
    },
    async flush() {
      if (pending.size === 0) return;
      const fresh = [...pending.values()];
      const replaced = new Set(pending.keys());
      pending.clear();
      await updateLedger(store, (ledger) => {
        // An entry for the same input and rules is superseded by the new one; anything old is let go.
        const kept = (ledger.cleared ?? []).filter(
          (e) => now - Date.parse(e.clearedAt) < keepMs && !replaced.has(pendingKey(e)),
        );
        ledger.cleared = [...kept, ...fresh];
        return { ledger, result: undefined };
      });
      const known = [...(await load()).values()].flat();
      loaded = Promise.resolve(byInput([...known.filter((e) => !replaced.has(pendingKey(e))), ...fresh]));
    },
  };
}
