/**
 * Runs before `npm test`. Browser tests use Debian's Chromium (no tool may download a browser of its
 * own): installs it with apt-get when it is missing and we are allowed to, otherwise says how.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env['HERALD_CHROMIUM'] ?? '/usr/bin/chromium';

if (!existsSync(chromium)) {
  const asRoot = process.getuid?.() === 0;
  if (!asRoot && !existsSync('/usr/bin/sudo')) {
    console.error(
      `Chromium is missing at ${chromium}. Install it (Debian/Ubuntu: apt-get install chromium) or set HERALD_CHROMIUM to a Chromium binary.`,
    );
    process.exit(1);
  }
  const run = (...args: string[]) =>
    asRoot
      ? execFileSync(args[0]!, args.slice(1), {
          stdio: 'inherit',
          env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
        })
      : execFileSync('sudo', ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', ...args], { stdio: 'inherit' });
  console.log("Installing Debian's chromium for the browser tests (about 30 s)...");
  run('apt-get', 'update', '-qq');
  run('apt-get', 'install', '-y', '-qq', 'chromium');
}
