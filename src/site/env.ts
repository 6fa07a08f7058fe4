import { join, resolve } from 'node:path';
import { localLedgerPath } from '../lib/ledger/format.ts';
import { resolveNow } from '../lib/time/now.ts';
import { pausedByValue } from '../lib/publishing/pause.ts';
import { BuildStop } from './build-stop.ts';

/**
 * The settings a build takes from its environment, read in one place. Everything else about the
 * site comes from the content folder.
 */

/** Where the content folder lives: the Astro project itself unless HERALD_PROJECT_DIR names another (benchmarks build generated content this way). */
export function projectDir(astroRoot: string): string {
  const dir = process.env['HERALD_PROJECT_DIR'];
  return dir ? resolve(dir) : astroRoot;
}

/**
 * The build's "now" in epoch milliseconds: what is upcoming, overdue, missed or expired is decided
 * at this instant. HERALD_NOW fixes it, read as the command line reads it (src/lib/time/now.ts).
 */
export function buildNow(): number {
  const now = resolveNow(undefined, process.env);
  if (!now.ok) throw new BuildStop(now.message);
  return now.now;
}

/** HERALD_PAUSED=1 pauses publishing like publishing.paused in herald.yaml; the site shows it. */
export function pausedByEnvironment(): boolean {
  return pausedByValue(process.env['HERALD_PAUSED']);
}

/**
 * The ledger the site shows statuses from: HERALD_LEDGER names a JSON file (the Pages workflow
 * copies it from the herald-ledger branch), otherwise the local one `herald publish` writes.
 */
export function ledgerFile(dir: string): string {
  const file = process.env['HERALD_LEDGER'];
  return file ? resolve(file) : join(dir, localLedgerPath);
}
