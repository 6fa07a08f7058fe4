import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

/** The folder that holds Herald's site code: src/ here, build/src/ in the package; with `/`, as Vite names files. */
const siteRoot = dirname(dirname(fileURLToPath(import.meta.url))).replaceAll('\\', '/');

/**
 * Herald's .astro files import TypeScript modules by their source names (`../site/project.ts`), as
 * Node and tsc want it in this repository. The package ships those modules compiled to .js next to
 * the .astro files, which are shipped as written and compiled by Vite in the organisation's build;
 * this points their `.ts` imports at the compiled `.js`. Running from source it does nothing.
 */
export function compiledImports(): Plugin {
  const compiled = !import.meta.url.endsWith('.ts');
  return {
    name: 'herald:compiled-imports',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!compiled || !importer || !source.startsWith('.') || !source.endsWith('.ts')) return null;
      const file = importer.split('?')[0] ?? importer;
      if (!file.endsWith('.astro') || !file.startsWith(siteRoot)) return null;
      return resolve(dirname(file), `${source.slice(0, -'.ts'.length)}.js`);
    },
  };
}
