import { satteri } from '@astrojs/markdown-satteri';
import mdx from '@astrojs/mdx';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import { siteAddress } from './src/site/address.ts';
import { rootLinksUnderBase } from './src/site/base-links.ts';
import { printable } from './src/site/build-log.ts';
import { scriptSources, siteDirectives, styleSources } from './src/site/csp.ts';
import { buildNow, projectDir } from './src/site/env.ts';
import { handbookSearch } from './src/site/search-index.ts';
import { labelTaskLists } from './src/site/task-lists.ts';

const { site, base } = await siteAddress(projectDir(fileURLToPath(new URL('.', import.meta.url))), buildNow());

export default defineConfig({
  ...(site && { site }),
  base,
  // Prism marks code with classes (styled in global.css); Shiki's inline style attributes would need
  // 'unsafe-inline' styles under the Content-Security-Policy.
  markdown: { syntaxHighlight: 'prism', processor: satteri({ mdastPlugins: [rootLinksUnderBase(base)], hastPlugins: [labelTaskLists] }) },
  integrations: [mdx(), handbookSearch()],
  trailingSlash: 'always',
  security: { csp: { directives: [...siteDirectives], scriptDirective: { resources: [...scriptSources] }, styleDirective: { resources: [...styleSources] } } },
  vite: {
    build: {
      // The CMS at /admin is one prebuilt application of about 2 MB; nothing else comes near 500 kB.
      chunkSizeWarningLimit: 4096,
      rolldownOptions: {
        onLog(level, log, print) {
          if (printable(log)) print(level, log);
        },
      },
    },
  },
});
