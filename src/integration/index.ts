import { satteri } from '@astrojs/markdown-satteri';
import mdx from '@astrojs/mdx';
import type { AstroIntegration, ViteUserConfig } from 'astro';
import { fileURLToPath } from 'node:url';
import { siteAddress } from '../site/address.ts';
import { rootLinksUnderBase } from '../site/base-links.ts';
import { printable } from '../site/build-log.ts';
import { scriptSources, siteDirectives, styleSources } from '../site/csp.ts';
import { buildNow, projectDir } from '../site/env.ts';
import { writeSearchIndex } from '../site/search-index.ts';
import { labelTaskLists } from '../site/task-lists.ts';
import { cmsBundle, cmsDevFiles, copyCms } from './cms-files.ts';
import { compiledImports } from './compiled-imports.ts';

/**
 * Every page of the site, by address. The files live in src/routes (not src/pages, so that Astro
 * routes them only through here) and are found next to this module: the TypeScript sources in this
 * repository, the compiled package's .js files (and its .astro files, shipped as written) in
 * node_modules/herald/build.
 */
const routes: [pattern: string, file: string][] = [
  ['/', 'index.astro'],
  ['/404', '404.astro'],
  ['/admin', 'admin/index.astro'],
  ['/calendar/[...view]', 'calendar/[...view].astro'],
  ['/calendar.ics', 'calendar.ics.ts'],
  ['/calendar/[channel].ics', 'calendar/[channel].ics.ts'],
  ['/feed.json', 'feed.json.ts'],
  ['/handbook', 'handbook/index.astro'],
  ['/handbook/[slug]', 'handbook/[slug].astro'],
  ['/posts/[id]', 'posts/[id]/index.astro'],
  ['/posts/[id]/[file]', 'posts/[id]/[file].ts'],
  ['/status', 'status.astro'],
];

/** `.ts` when this module runs from source, `.js` when it runs compiled from the package. */
const moduleExtension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

function routeFile(file: string): URL {
  return new URL(`../routes/${file.replace(/\.ts$/, moduleExtension)}`, import.meta.url);
}

/** `Astro.locals.herald`'s type, for an organisation's own pages and this repository's typecheck. */
const localsTypes = `declare namespace App {
  interface Locals {
    herald: import(${JSON.stringify(fileURLToPath(new URL(`../site/locals${moduleExtension}`, import.meta.url)))}).HeraldLocals;
  }
}
`;

/** Vite's settings for the site of the project at `root`, whose base is `base`. */
const vite = (root: string, base: string): ViteUserConfig => ({
  plugins: [compiledImports(), cmsDevFiles(base, () => cmsBundle(root))],
  // Herald's pages and components are compiled by Vite with the site, never loaded by Node as they are.
  ssr: { noExternal: ['herald'] },
  build: {
    rolldownOptions: {
      onLog(level, log, print) {
        if (printable(log)) print(level, log);
      },
    },
  },
});

/**
 * Herald as an Astro integration: `integrations: [herald()]` in an organisation's astro.config is
 * the whole site (its content collections come from `herald/content`). It reads herald.yaml once,
 * before anything is bundled, for the site's address: a herald.yaml the site cannot be built from
 * stops the build at once, with its problems.
 */
export default function herald(): AstroIntegration {
  /** The Astro project's folder, whose node_modules hold the CMS bundle. */
  let root = '';
  /** The CMS bundle, asked for when a build starts: the first build after an install makes it beside the pages. */
  let cms: Promise<string> | undefined;
  return {
    name: 'herald',
    hooks: {
      'astro:config:setup': async ({ config, updateConfig, injectRoute, addMiddleware }) => {
        root = fileURLToPath(config.root);
        const dir = projectDir(root);
        const { site, base } = await siteAddress(dir, buildNow());
        const present = new Set(config.integrations.map((integration) => integration.name));
        updateConfig({
          ...(site && { site }),
          base,
          // Prism marks code with classes (styled in global.css); Shiki's inline style attributes would need
          // 'unsafe-inline' styles under the Content-Security-Policy.
          markdown: {
            syntaxHighlight: 'prism',
            processor: satteri({ mdastPlugins: [rootLinksUnderBase(base)], hastPlugins: [labelTaskLists] }),
          },
          integrations: present.has('@astrojs/mdx') ? [] : [mdx()],
          trailingSlash: 'always',
          // Pages render while others are written to disk: a calendar has thousands of small pages, and
          // one at a time left the second core idle while each file was written. Unless the site sets it.
          ...(config.build.concurrency === 1 && { build: { concurrency: 4 } }),
          // Astro gives its image endpoint the same trailing slash when trailingSlash is in astro.config itself.
          image: { endpoint: { route: config.image.endpoint.route.replace(/\/?$/, '/') } },
          security: {
            csp: {
              algorithm: 'SHA-256',
              directives: [...siteDirectives],
              scriptDirective: { resources: [...scriptSources] },
              styleDirective: { resources: [...styleSources] },
            },
          },
          vite: vite(root, base),
        });
        for (const [pattern, file] of routes) injectRoute({ pattern, entrypoint: routeFile(file) });
        addMiddleware({ order: 'pre', entrypoint: new URL(`./middleware${moduleExtension}`, import.meta.url) });
      },
      'astro:config:done': ({ injectTypes }) => {
        injectTypes({ filename: 'locals.d.ts', content: localsTypes });
      },
      'astro:build:start': () => {
        cms = cmsBundle(root);
        // Awaited at build:done; until then a failure must not count as unhandled.
        cms.catch(() => undefined);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        // Side by side: Pagefind indexes in its own process while the CMS's files are copied.
        const [indexed] = await Promise.all([
          writeSearchIndex(out),
          (cms ?? cmsBundle(root)).then((bundle) => copyCms(bundle, out)),
        ]);
        logger.info(indexed);
      },
    },
  };
}
