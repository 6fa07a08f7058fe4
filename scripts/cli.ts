import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { Temporal } from 'temporal-polyfill';
import type { Ledger } from '../src/schemas/ledger.ts';
import { emptyLedger } from '../src/schemas/ledger.ts';
import { LedgerError, ledgerStoreFor } from '../src/publish/ledger/index.ts';

/** A mistake in how a command was called: printed without a stack trace, exit code 2. */
export class UsageError extends Error {}

/** `--help` or `-h`: the dispatcher prints the command's usage (the message) and exits 0. */
export class HelpRequested extends Error {}

/** node:util's parseArgs, with its errors turned into UsageError and --help into HelpRequested. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, usage: string) {
  try {
    const parsed = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    if ('help' in parsed.values && parsed.values.help === true) throw new HelpRequested(usage);
    return parsed;
  } catch (error) {
    if (error instanceof HelpRequested) throw error;
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
  }
}

/**
 * The instant a command acts at, as epoch milliseconds: `--now`, else HERALD_NOW (the clock of tests
 * and rehearsals, which the site build reads too), else the system clock. An instant must carry its
 * offset: without one, the same text would mean another time on another machine.
 */
export function nowOption(value: string | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const given = value ?? (env['HERALD_NOW'] || undefined);
  if (given === undefined) return Date.now();
  try {
    // Temporal, unlike Date.parse, refuses a time without its offset and a day that does not exist.
    return Temporal.Instant.from(given).epochMilliseconds;
  } catch {
    const source = value === undefined ? 'HERALD_NOW' : '--now';
    throw new UsageError(`${source} needs an instant with its offset, like 2026-12-03T18:30:00+01:00 or 2026-12-03T17:30:00Z (got "${given}").`);
  }
}

/** `--format`, checked against the formats a command prints. */
export function formatOption<const F extends readonly string[]>(value: string | undefined, formats: F): F[number] {
  if (value === undefined || !formats.includes(value)) throw new UsageError(`--format must be one of ${formats.join(', ')}.`);
  return value;
}

/** The project root: the nearest folder up from here that has content/herald.yaml or content/. */
export function projectRoot(start = process.cwd()): string {
  for (let dir = start; ; ) {
    if (existsSync(join(dir, 'content'))) return dir;
    const parent = join(dir, '..');
    if (parent === dir) throw new UsageError('there is no content/ folder here or above. Run herald inside a Herald project.');
    dir = parent;
  }
}

/**
 * The ledger, for commands that only show what was sent (validate, calendar): when it cannot be read
 * (no token in a pull request, a broken file, a wrong path), they say so, with what that means for
 * what they show, and go on as if nothing had been sent.
 */
export async function readLedgerOrNothing(command: string, choice: string | undefined, root: string, meaning: string): Promise<Ledger> {
  try {
    return (await ledgerStoreFor(choice, root, process.env).read()).ledger;
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    console.error(`herald ${command}: the ledger could not be read, so ${meaning} (${error.message}).`);
    return emptyLedger();
  }
}
