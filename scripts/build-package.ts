/**
 * `npm pack` (prepack): generates Astro's content types (`astro sync`, which the site's modules
 * need to type-check), compiles src/ and scripts/ to JavaScript with declarations into build/
 * (tsconfig.build.json), because Node does not strip types inside node_modules, and copies the
 * site's other files (.astro, styles, the search box script) next to the compiled modules. The
 * .astro files are shipped as written: Vite compiles them in the organisation's build, and the
 * integration points their `.ts` imports at the compiled `.js` (src/integration/compiled-imports.ts).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const build = `${root}build`;

rmSync(build, { recursive: true, force: true });
execFileSync('astro', ['sync'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
execFileSync('tsc', ['-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
cpSync(`${root}src`, `${build}/src`, { recursive: true, filter: (file) => extname(file) !== '.ts' });
