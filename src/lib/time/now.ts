import { instantExample, instantFrom } from './time.ts';

/**
 * The instant Herald acts at, read in one place for the command line and the site build: a
 * command's `--now`, else HERALD_NOW (the clock of tests, rehearsals and rebuilding a past state),
 * else the system clock. An instant must carry its offset: without one, the same text would mean
 * another time on another machine. Temporal, unlike Date.parse, refuses a time without its offset
 * and a day that does not exist.
 */
export type Now = { ok: true; now: number } | { ok: false; message: string };

export function resolveNow(
  option: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  clock: () => number = Date.now,
): Now {
  const fromEnv = env['HERALD_NOW'] || undefined;
  const given = option ?? fromEnv;
  if (given === undefined) return { ok: true, now: clock() };
  const now = instantFrom(given);
  if (now !== undefined) return { ok: true, now };
  const source = option === undefined ? 'HERALD_NOW' : '--now';
  const unset = option === undefined ? ' Unset it to use the current time.' : '';
  return {
    ok: false,
    message: `${source} needs an instant with its offset, like ${instantExample} (got "${given}").${unset}`,
  };
}
