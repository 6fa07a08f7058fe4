import { createReadStream, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative, sep } from 'node:path';
import { build, type Plugin } from 'vite';

/**
 * Sveltia CMS at /admin. Its package is made for bundlers: translations and the libraries it loads
 * on demand (code highlighting, image metadata, maps) are imports a browser cannot resolve. Bundled
 * with the site, Vite read, transformed and wrote its ~300 files in every build: 5 to 7 of a build's
 * seconds, more than every page of the example together. So Vite bundles it once per installed
 * version, into node_modules/.cache (beside Vite's and Astro's own caches); a build copies that
 * folder to admin/cms/, `astro dev` serves it, and the admin page imports it at run time.
 */

/** Where the admin page finds the CMS, relative to the site's base. */
export const cmsRoute = 'admin/cms/';

const require = createRequire(import.meta.url);

/** Builds in progress or done in this process, by folder: a build and its dev server share one. */
const building = new Map<string, Promise<string>>();

/** The folder of the CMS bundled for browsers, for the project at `root`: made on first use. */
export function cmsBundle(root: string): Promise<string> {
  const entry = require.resolve('@sveltia/cms');
  // Its package.json is not among the package's exports; it sits one folder above the entry (npm/).
  const { version } = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  const folder = join(root, 'node_modules', '.cache', 'herald', `sveltia-cms-${version}`);
  let made = building.get(folder);
  if (!made) {
    made = ready(folder)
      .then((done) => (done ? undefined : bundle(entry, folder)))
      .then(() => folder);
    // A failed bundle is tried again when next asked for (the dev server lives on), not remembered.
    made.catch(() => building.delete(folder));
    building.set(folder, made);
  }
  return made;
}

/** Whether a finished bundle is in `folder` (it appears whole, by a rename). */
async function ready(folder: string): Promise<boolean> {
  return stat(join(folder, 'index.js')).then(
    () => true,
    () => false,
  );
}

async function bundle(entry: string, folder: string): Promise<void> {
  await mkdir(dirname(folder), { recursive: true });
  const work = await mkdtemp(`${folder}.building-`);
  try {
    const input = join(work, 'entry.js');
    await writeFile(input, `export { init } from ${JSON.stringify(entry)};\n`);
    await build({
      configFile: false,
      envFile: false,
      root: work,
      publicDir: false,
      logLevel: 'error',
      // Relative addresses: the bundle is served under whatever base the site has.
      base: './',
      build: {
        outDir: join(work, 'out'),
        emptyOutDir: true,
        modulePreload: false,
        rolldownOptions: {
          input,
          preserveEntrySignatures: 'exports-only',
          output: {
            entryFileNames: 'index.js',
            chunkFileNames: 'chunks/[name]-[hash].js',
            assetFileNames: 'assets/[name]-[hash][extname]',
          },
        },
      },
    });
    // Another process may have finished first: its bundle is as good.
    await rename(join(work, 'out'), folder).catch(async (error: unknown) => {
      if (!(await ready(folder))) throw error;
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Copies the CMS bundle in `bundle` (cmsBundle) into a built site whose folder is `out`. */
export async function copyCms(bundle: string, out: string): Promise<void> {
  await cp(bundle, join(out, cmsRoute), { recursive: true });
}

const types: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/** `astro dev`: answers requests for admin/cms/ from the folder `files` gives (cmsBundle). */
export function cmsDevFiles(base: string, files: () => Promise<string>): Plugin {
  // Vite takes the base off a request's path before it reaches this; with it is accepted too.
  const prefixes = [`/${cmsRoute}`, `${base.replace(/\/?$/, '/')}${cmsRoute}`];
  return {
    name: 'herald:cms-files',
    apply: 'serve',
    configureServer(server) {
      let folder: Promise<string> | undefined;
      server.middlewares.use((request, response, next) => {
        const path = decoded((request.url ?? '').split('?')[0]!);
        if (path === undefined) return next();
        const prefix = prefixes.find((start) => path.startsWith(start));
        if (!prefix) return next();
        folder ??= files();
        folder.then(
          async (dir) => {
            const file = join(dir, path.slice(prefix.length));
            // Nothing outside the bundle's folder, whatever the path says.
            if (relative(dir, file).startsWith(`..${sep}`) || relative(dir, file) === '..') return next();
            const found = await stat(file).catch(() => undefined);
            if (!found?.isFile()) return next();
            response.setHeader('Content-Type', types[extname(file)] ?? 'application/octet-stream');
            createReadStream(file).pipe(response);
          },
          (error: unknown) => next(error),
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
