import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how a command was called: printed without a stack trace, exit code 2. */
export class UsageError extends Error {}

/** node:util's parseArgs, with its errors turned into UsageError and --help handled. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, usage: string) {
  try {
    const parsed = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    return { ...parsed, usage };
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
  }
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
