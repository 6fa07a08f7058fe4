import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usableProject } from '../src/lib/project/load.ts';
import type { Project, Schedule } from '../src/lib/project/model.ts';
import { resolveNow } from '../src/lib/time/now.ts';
import { suggest } from '../src/lib/project/schema-issues.ts';
import type { Ledger } from '../src/schemas/ledger.ts';
import { emptyLedger } from '../src/schemas/ledger.ts';
import { LedgerError, ledgerStoreFor, missingLedger } from '../src/publish/ledger/index.ts';

/** A mistake in how a command was called: printed without a stack trace, exit code 2. */
export class UsageError extends Error {}

/** `--help` or `-h`: the dispatcher prints the command's usage (the message) and exits 0. */
export class HelpRequested extends Error {}

/**
 * Runs command `name` and turns how it ended into its exit code: help is printed (0), a usage
 * error is said without a stack trace (2), anything unexpected too (2; HERALD_DEBUG=1 shows the stack).
 */
export async function runCommand(name: string, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof HelpRequested) {
      console.log(error.message);
      return 0;
    }
    if (error instanceof UsageError) {
      console.error(`herald ${name}: ${error.message}`);
      return 2;
    }
    console.error(`herald ${name} could not run: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env['HERALD_DEBUG']) console.error(error);
    return 2;
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * node:util's parseArgs, with every mistake answered in the CLI's own words (parseArgs's strict mode
 * would throw its own text, which names internals and quotes unevenly): an unknown option with the
 * closest known one, an option without its value, a value given to an on/off option, and words where
 * the command takes none. `--help` or `-h` becomes HelpRequested. The usage text is the one source of
 * the command's name and of each option's value, e.g. `[--from YYYY-MM-DD]`.
 */
export function parseOptions<T extends Options>(
  args: string[],
  options: T,
  usage: string,
  takes: { positionals: boolean } = { positionals: false },
) {
  const all = { ...options, help: { type: 'boolean', short: 'h' } } satisfies Options;
  const { tokens } = parseArgs({ args, options: all, allowPositionals: true, strict: false, tokens: true });
  const command = /^Usage: (herald \S+)/.exec(usage)?.[1] ?? 'herald';
  const names = Object.keys(all).map((name) => `--${name}`);
  const valueOf = (name: string) => new RegExp(`\\[--${name} ([^\\]]+)\\]`).exec(usage)?.[1];
  const example = (name: string) => `--${name} ${valueOf(name) ?? 'VALUE'}`;
  for (const token of tokens) {
    if (token.kind === 'option') {
      const known = Object.hasOwn(all, token.name) ? all[token.name as keyof typeof all] : undefined;
      if (!known) {
        const near = token.rawName.startsWith('--') ? suggest(token.name, Object.keys(all)) : undefined;
        throw new UsageError(
          `Unknown option ${token.rawName}.${near ? ` Did you mean --${near}?` : ` The options of ${command} are ${names.join(', ')}; ${command} --help explains them.`}`,
        );
      }
      if (
        known.type === 'string' &&
        (token.value === undefined || (!token.inlineValue && token.value.startsWith('-')))
      ) {
        const next = token.value === undefined ? '' : `, but ${token.value} follows it`;
        throw new UsageError(`${token.rawName} needs a value${next}: write ${example(token.name)}.`);
      }
      if (known.type === 'boolean' && token.value !== undefined) {
        throw new UsageError(
          `${token.rawName} is on or off and takes no value: write ${token.rawName} alone, without "=${token.value}".`,
        );
      }
    } else if (token.kind === 'positional' && !takes.positionals) {
      const first = Object.entries(options).find(([, option]) => option.type === 'string')?.[0];
      throw new UsageError(
        `"${token.value}" is not an option: ${command} takes only options${first ? `, each followed by its value, e.g. ${example(first)}` : ''}. ${command} --help lists them.`,
      );
    }
  }
  // Checked above, so the strict parse, which gives the values their declared types, finds nothing to refuse.
  const parsed = parseArgs({ args, options: all, allowPositionals: true, strict: true });
  if ('help' in parsed.values && parsed.values.help === true) throw new HelpRequested(usage);
  return parsed;
}

/**
 * The real time, as every command reads it. Only a test sets it, in-process, before the command line
 * runs (tests/publish/fixtures/herald-at.ts): no option or variable can, so a workflow cannot set it
 * by accident.
 */
export const clock = { now: (): number => Date.now() };

/**
 * The instant a command acts at, as epoch milliseconds: see resolveNow (`--now`, HERALD_NOW, the
 * real time). `herald publish` takes neither for a real run.
 */
export function nowOption(
  value: string | undefined,
  env: Record<string, string | undefined> = process.env,
  real: () => number = clock.now,
): number {
  const now = resolveNow(value, env, real);
  if (!now.ok) throw new UsageError(now.message);
  return now.now;
}

/** `--format`, checked against the formats a command prints. */
export function formatOption<const F extends readonly string[]>(value: string | undefined, formats: F): F[number] {
  if (value !== undefined && formats.includes(value)) return value;
  const near = value === undefined ? undefined : suggest(value, formats);
  throw new UsageError(
    `--format must be one of ${formats.join(', ')}${value === undefined ? '' : `, not "${value}"`}.${near ? ` Did you mean ${near}?` : ''}`,
  );
}

/** The project root: the nearest folder up from here that has content/herald.yaml or content/. */
export function projectRoot(start = process.cwd()): string {
  for (let dir = start; ;) {
    if (existsSync(join(dir, 'content'))) return dir;
    const parent = join(dir, '..');
    if (parent === dir)
      throw new UsageError('there is no content/ folder here or above. Run herald inside a Herald project.');
    dir = parent;
  }
}

/** The project, when herald.yaml can be acted on (see usableProject); otherwise a usage error saying why. */
export function usable(project: Project, consequence: string): Schedule {
  const checked = usableProject(project, consequence);
  if (!checked.ok) throw new UsageError(checked.reason);
  return checked.project;
}

/**
 * The ledger, for commands that only show what was sent (validate, calendar): when it cannot be read
 * (no token in a pull request, a broken file, a wrong path), they say so, with what that means for
 * what they show, and go on as if nothing had been sent.
 */
export async function readLedgerOrNothing(
  command: string,
  choice: string | undefined,
  root: string,
  meaning: string,
): Promise<Ledger> {
  try {
    const store = ledgerStoreFor(choice, root, process.env);
    const { ledger, version } = await store.read();
    // Where no ledger was named, none is normal (a pull request's check); one that was named should be there.
    if (version === null && choice !== undefined) throw missingLedger(store.where);
    return ledger;
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    console.error(`herald ${command}: the ledger could not be read, so ${meaning} (${error.message}).`);
    return emptyLedger();
  }
}
