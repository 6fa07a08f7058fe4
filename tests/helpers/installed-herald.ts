import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This checkout of Herald. */
export const heraldCheckout = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Makes `dir` a project that depends on Herald, installed as npm ci leaves it: node_modules/herald
 * (here a link to this checkout) and its bin in node_modules/.bin, so that `npx --no herald …` in a
 * workflow step finds it without the registry.
 */
export function installHerald(dir: string): void {
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, dependencies: { herald: '*' } }));
  mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
  symlinkSync(heraldCheckout, join(dir, 'node_modules/herald'));
  symlinkSync('../herald/scripts/herald.ts', join(dir, 'node_modules/.bin/herald'));
}
