import { createReadStream } from 'node:fs';
import { cp, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative, sep } from 'node:path';
import type { Plugin } from 'vite';

/**
 * Sveltia CMS at /admin, served as its package ships it: an ES module with its chunks and assets
 * (about 300 files, 15 MB), which the admin page imports at run time from admin/cms/. Bundling it
 * with the site made Vite read, transform and write all of it in every build: 5 to 7 of a build's
 * seconds, more than every page of the example together. A build copies the files; `astro dev`
 * serves them from the package.
 */

/** Where the admin page finds the CMS, relative to the site's base. */
export const cmsRoute = 'admin/cms/';

/** The package's browser build: its entry module, chunks/ and assets/. */
const cmsDir = dirname(createRequire(import.meta.url).resolve('@sveltia/cms'));

/** The files a browser loads (source maps stay out: no one debugs the CMS from the site). */
const served = (file: string) => extname(file) !== '.map';

/** Copies the CMS into a built site whose folder is `out`. */
export async function copyCms(out: string): Promise<void> {
  await cp(cmsDir, join(out, cmsRoute), { recursive: true, filter: (source) => served(source) });
}

const types: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/** `astro dev`: answers requests for admin/cms/ from the package's folder. */
export function cmsDevFiles(base: string): Plugin {
  // Vite takes the base off a request's path before it reaches this; with it is accepted too.
  const prefixes = [`/${cmsRoute}`, `${base.replace(/\/?$/, '/')}${cmsRoute}`];
  return {
    name: 'herald:cms-files',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const path = decoded((request.url ?? '').split('?')[0]!);
        if (path === undefined) return next();
        const prefix = prefixes.find((start) => path.startsWith(start));
        if (!prefix) return next();
        const file = join(cmsDir, path.slice(prefix.length));
        // Nothing outside the package's folder, whatever the path says.
        if (relative(cmsDir, file).startsWith(`..${sep}`) || !served(file)) return next();
        stat(file).then(
          (found) => {
            if (!found.isFile()) return next();
            response.setHeader('Content-Type', types[extname(file)] ?? 'application/octet-stream');
            createReadStream(file).pipe(response);
          },
          () => next(),
        );
      });
    },
  };
}

/** A request's path as the file it names, or undefined for a malformed % escape: that is no CMS file, and the site answers it. */
function decoded(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}
