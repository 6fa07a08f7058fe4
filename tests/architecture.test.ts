import { globSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { posix } from 'node:path';
import { init, parse } from 'es-module-lexer';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The layers DEVELOPERS.md names ("Dependencies point inwards"), checked on every import of every
 * source file, so a crossing fails here rather than in a review. Imports are read by a lexer that
 * knows TypeScript's type-only forms (es-module-lexer), so `import type` counts too: a type from
 * src/publish still ties the core to it.
 */

const site = ['src/routes', 'src/components', 'src/layouts', 'src/site', 'src/integration', 'src/content.config.ts'];
const networkSdks = [
  'octokit',
  'masto',
  '@atproto',
  'twitter-api-v2',
  'node:http',
  'node:https',
  'node:net',
  'node:child_process',
];

/**
 * One line per layer: the files it covers, and either what they may import (`only`) or what they
 * must not (`not`). A pattern names a file, a folder (everything under it), or a package (and its
 * subpaths); a trailing `*` matches any continuation (`astro*`: astro, astro:content, astro/loaders).
 */
interface Rule {
  name: string;
  files: string[];
  only?: string[];
  not?: string[];
}
const rules: Rule[] = [
  { name: 'schemas are formats: only schemas and zod', files: ['src/schemas'], only: ['src/schemas', 'zod'] },
  {
    name: 'the core is pure: no publishing, site, CLI, Astro or network',
    files: ['src/lib'],
    not: ['src/publish', ...site, 'scripts', 'astro*', '@astrojs', ...networkSdks],
  },
  { name: 'the site shows, it does not publish', files: site, not: ['src/publish', 'scripts'] },
  { name: 'src/ does not depend on the command line', files: ['src'], not: ['scripts'] },
];

function matches(pattern: string, target: string): boolean {
  if (pattern.endsWith('*')) return target.startsWith(pattern.slice(0, -1));
  return target === pattern || target.startsWith(`${pattern}/`);
}

/** What an import names: a path from the repository's root for a relative one, otherwise the package (node: added to built-ins). */
function targetOf(file: string, specifier: string): string {
  const bare = specifier.replace(/[?#].*$/, '');
  if (bare.startsWith('.')) return posix.normalize(posix.join(posix.dirname(file), bare));
  return isBuiltin(bare) && !bare.startsWith('node:') ? `node:${bare}` : bare;
}

/** The module code of a file: all of a .ts or .js file; an .astro file's front matter and its bundled <script> blocks. */
function codeOf(file: string, text: string): string[] {
  if (!file.endsWith('.astro')) return [text];
  const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1];
  const scripts = [...text.matchAll(/<script\b([^>]*?)(?<!\/)>([\s\S]*?)<\/script>/g)]
    .filter(([, attributes]) => !/\btype="(?!module")/.test(attributes ?? ''))
    .map(([, , body]) => body ?? '');
  return [...(frontmatter === undefined ? [] : [frontmatter]), ...scripts];
}

/** Every module a file imports, statically, for types only, or dynamically with a literal name. */
function importsOf(file: string, text: string): string[] {
  return codeOf(file, text).flatMap((code) => {
    const [imports] = parse(code, file);
    return imports.flatMap((entry) =>
      entry.type !== 'import-meta' && typeof entry.specifier === 'string' ? [entry.specifier] : [],
    );
  });
}

interface Violation {
  file: string;
  specifier: string;
  rule: string;
}

/** The imports that break a rule, each with the first rule it breaks. */
function violations(files: { path: string; text: string }[], table: Rule[] = rules): Violation[] {
  return files.flatMap(({ path, text }) =>
    importsOf(path, text).flatMap((specifier) => {
      const target = targetOf(path, specifier);
      const broken = table.find(
        (rule) =>
          rule.files.some((pattern) => matches(pattern, path)) &&
          (rule.only
            ? !rule.only.some((pattern) => matches(pattern, target))
            : (rule.not ?? []).some((pattern) => matches(pattern, target))),
      );
      return broken ? [{ file: path, specifier, rule: broken.name }] : [];
    }),
  );
}

const shown = ({ file, specifier, rule }: Violation) => `${file} → ${specifier} (${rule})`;

/**
 * The import loops among some files, each as the files around it (`a → b → a`): a loop in the
 * core means two modules that cannot be read, tested or moved one without the other.
 */
function loops(files: { path: string; text: string }[]): string[] {
  const known = new Set(files.map((file) => file.path));
  const edges = new Map(
    files.map(({ path, text }) => [
      path,
      importsOf(path, text)
        .map((specifier) => targetOf(path, specifier))
        .filter((target) => known.has(target)),
    ]),
  );
  const found = new Set<string>();
  const done = new Set<string>();
  const visit = (path: string, trail: string[]) => {
    const at = trail.indexOf(path);
    if (at >= 0) {
      const loop = trail.slice(at);
      // One spelling per loop, from its smallest file, however it was entered.
      const start = loop.indexOf([...loop].sort()[0]!);
      const turned = [...loop.slice(start), ...loop.slice(0, start)];
      found.add([...turned, turned[0]].join(' → '));
      return;
    }
    if (done.has(path)) return;
    for (const next of edges.get(path) ?? []) visit(next, [...trail, path]);
    done.add(path);
  };
  for (const path of [...known].sort()) visit(path, []);
  return [...found].sort();
}

const root = new URL('..', import.meta.url);

function sources(): { path: string; text: string }[] {
  return globSync('{src,scripts}/**/*.{ts,js,astro}', { cwd: root })
    .map((path) => path.split('\\').join('/'))
    .sort()
    .map((path) => ({ path, text: readFileSync(new URL(path, root), 'utf8') }));
}

beforeAll(() => init());

describe('layers', () => {
  it('no import crosses the layers DEVELOPERS.md names', () => {
    const files = sources();
    expect(files.length).toBeGreaterThan(100);
    expect(violations(files).map(shown)).toEqual([]);
  });

  it('names each crossing with its file, its import and the rule it breaks', () => {
    const files = [
      {
        path: 'src/schemas/post.ts',
        text: "import { z } from 'zod';\nimport type { Ledger } from './ledger.ts';\nimport { parseYaml } from '../lib/yaml.ts';",
      },
      {
        path: 'src/lib/ledger/format.ts',
        text: "import type { LedgerStore } from '../../publish/ledger/store.ts';\nexport const x = await import('node:child_process');",
      },
      {
        path: 'src/lib/text.ts',
        text: "import { getCollection } from 'astro:content';\nimport { Octokit } from 'octokit';\nimport { readFile } from 'fs/promises';",
      },
      {
        path: 'src/components/Post.astro',
        text: '---\nimport { run } from \'../publish/run.ts\';\nimport { routes } from \'../lib/routes.ts\';\n---\n<p>{routes.home}</p>\n<script>\nimport \'../../scripts/cli.ts\';\n</script>\n<script type="application/json">{"import": "x"}</script>',
      },
      {
        path: 'src/routes/index.astro',
        text: "---\nimport { FileLedgerStore } from '../publish/ledger/index.ts';\n---",
      },
      { path: 'src/content.config.ts', text: "import { ledgerStoreFor } from './publish/ledger/index.ts';" },
      { path: 'src/i18n/en.ts', text: "import { usable } from '../../scripts/cli.ts';" },
      { path: 'scripts/herald.ts', text: "import { publish } from '../src/publish/run.ts';" },
    ];
    expect(violations(files).map(shown)).toEqual([
      'src/schemas/post.ts → ../lib/yaml.ts (schemas are formats: only schemas and zod)',
      'src/lib/ledger/format.ts → ../../publish/ledger/store.ts (the core is pure: no publishing, site, CLI, Astro or network)',
      'src/lib/ledger/format.ts → node:child_process (the core is pure: no publishing, site, CLI, Astro or network)',
      'src/lib/text.ts → astro:content (the core is pure: no publishing, site, CLI, Astro or network)',
      'src/lib/text.ts → octokit (the core is pure: no publishing, site, CLI, Astro or network)',
      'src/components/Post.astro → ../publish/run.ts (the site shows, it does not publish)',
      'src/components/Post.astro → ../../scripts/cli.ts (the site shows, it does not publish)',
      'src/routes/index.astro → ../publish/ledger/index.ts (the site shows, it does not publish)',
      'src/content.config.ts → ./publish/ledger/index.ts (the site shows, it does not publish)',
      'src/i18n/en.ts → ../../scripts/cli.ts (src/ does not depend on the command line)',
    ]);
  });

  it('has no import loop in the core', () => {
    expect(loops(sources().filter((file) => file.path.startsWith('src/lib/')))).toEqual([]);
  });

  it('names each import loop by the files around it', () => {
    const files = [
      { path: 'src/lib/calendar.ts', text: "import { parse } from './load.ts';" },
      { path: 'src/lib/load.ts', text: "import { resolve } from './routes.ts';\nimport { z } from 'zod';" },
      { path: 'src/lib/routes.ts', text: "import type { View } from './calendar.ts';" },
      { path: 'src/lib/time.ts', text: "import { a } from './text.ts';" },
      { path: 'src/lib/text.ts', text: "import { b } from './time.ts';" },
      { path: 'src/lib/model.ts', text: "import { b } from './time.ts';" },
    ];
    expect(loops(files)).toEqual([
      'src/lib/calendar.ts → src/lib/load.ts → src/lib/routes.ts → src/lib/calendar.ts',
      'src/lib/text.ts → src/lib/time.ts → src/lib/text.ts',
    ]);
  });

  it('reads a built-in named without node: as the built-in, and a relative import without its query', () => {
    expect(targetOf('src/lib/text.ts', 'fs/promises')).toBe('node:fs/promises');
    expect(targetOf('src/site/search-script.ts', '../components/handbook-search.js?raw')).toBe(
      'src/components/handbook-search.js',
    );
  });
});
