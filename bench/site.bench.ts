/**
 * Building the site: the example plus 2,000 generated posts, against a bare Astro + MDX project
 * that renders the same 2,000 bodies as plain pages, in the same run. Every build is cold (no
 * content cache, no compile cache) and runs in its own process, whose peak memory is reported.
 * The two alternate, five runs each: the machine's speed drifts, and each sees the same drift.
 * Target: Herald's build takes at most 1.3 times the bare one.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { generatedPost } from './generate.ts';
import { report, type Measurement } from './harness.ts';

const root = join(import.meta.dirname, '..');
const count = 2_000;
const runs = 5;

/** Child mode: one build with Astro's JS API, then its own peak memory on stdout. */
if (process.argv[2] === '--build') {
  const { build } = await import('astro');
  await build({ root: process.argv[3]!, outDir: process.argv[4]!, logLevel: 'error' });
  console.log(`PEAK_RSS_MB ${Math.round(process.resourceUsage().maxRSS / 1024)}`);
  process.exit(0);
}

async function timedBuild(
  astroRoot: string,
  outDir: string,
  env: Record<string, string>,
): Promise<{ ms: number; peakRssMb: number }> {
  // Cold: Astro's content cache and Node's compile cache start empty each time.
  await rm(join(root, 'node_modules', '.astro'), { recursive: true, force: true });
  await rm(outDir, { recursive: true, force: true });
  const start = performance.now();
  const { stdout } = await promisify(execFile)(process.execPath, [import.meta.filename, '--build', astroRoot, outDir], {
    cwd: astroRoot,
    env: { ...process.env, ...env, ASTRO_TELEMETRY_DISABLED: '1', NODE_DISABLE_COMPILE_CACHE: '1' },
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  return { ms, peakRssMb: Number(/PEAK_RSS_MB (\d+)/.exec(stdout)![1]) };
}

async function countPages(outDir: string, folder: string): Promise<number> {
  const entries = await readdir(join(outDir, folder), { recursive: true });
  return entries.filter((name) => name.endsWith('.html')).length;
}

/**
 * The busiest month page of a build, with its stylesheets: what a phone downloads to see a month,
 * as written and compressed (GitHub Pages serves it gzipped).
 */
async function heaviestMonth(outDir: string): Promise<string> {
  const months = (await readdir(join(outDir, 'calendar'), { recursive: true })).filter((name) =>
    /^\d{4}\/\d{2}\/index\.html$/.test(name),
  );
  let heaviest = { name: '', html: Buffer.alloc(0) };
  for (const name of months) {
    const html = await readFile(join(outDir, 'calendar', name));
    if (html.length > heaviest.html.length) heaviest = { name, html };
  }
  const styles = [...heaviest.html.toString().matchAll(/<link rel="stylesheet" href="[^"]*?(_astro\/[^"]+\.css)"/g)];
  const css = await Promise.all(styles.map((match) => readFile(join(outDir, match[1]!))));
  const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
  const raw = heaviest.html.length + css.reduce((sum, file) => sum + file.length, 0);
  const zipped = gzipSync(heaviest.html).length + css.reduce((sum, file) => sum + gzipSync(file).length, 0);
  const posts = heaviest.html.toString().split('class="post-item').length - 1;
  return `Busiest month page (calendar/${heaviest.name.slice(0, 7)}, ${posts} posts): ${kb(raw)} of HTML and CSS, ${kb(zipped)} gzipped.`;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const work = await mkdtemp(join(tmpdir(), 'herald-bench-site-'));
try {
  const posts = Array.from({ length: count }, (_, i) => generatedPost(i));

  // Herald: the example organisation with the generated posts added.
  const herald = join(work, 'herald');
  await cp(join(root, 'content'), join(herald, 'content'), { recursive: true });
  for (const post of posts) {
    await mkdir(join(herald, post.path, '..'), { recursive: true });
    await writeFile(join(herald, post.path), post.text);
    for (const file of post.files) await writeFile(join(herald, file.path), file.bytes);
  }

  // Bare: Astro and MDX only, each body as a page.
  const bare = join(work, 'bare');
  await mkdir(join(bare, 'src', 'pages', 'posts'), { recursive: true });
  await symlink(join(root, 'node_modules'), join(bare, 'node_modules'), 'dir');
  await writeFile(join(bare, 'package.json'), JSON.stringify({ name: 'bare', private: true, type: 'module' }));
  await writeFile(
    join(bare, 'astro.config.mjs'),
    "import mdx from '@astrojs/mdx';\nimport { defineConfig } from 'astro/config';\nexport default defineConfig({ integrations: [mdx()] });\n",
  );
  for (const post of posts) {
    const body = post.text.slice(post.text.indexOf('\n---\n', 4) + 5);
    await writeFile(join(bare, 'src', 'pages', 'posts', `${post.path.split('/').at(-1)}`), body);
  }

  const heraldOut = join(work, 'herald-dist');
  // Inside the project: the prerender step imports its chunks from there and must find node_modules.
  const bareOut = join(bare, 'dist');
  const buildHerald = () =>
    timedBuild(root, heraldOut, { HERALD_PROJECT_DIR: herald, HERALD_NOW: '2027-01-01T12:00:00Z' });
  const buildBare = () => timedBuild(bare, bareOut, {});

  // One untimed build of each warms the disk cache; then the two alternate.
  await buildBare();
  await buildHerald();
  const heraldPosts = await countPages(heraldOut, 'posts');
  if (heraldPosts < count) throw new Error(`Herald built ${heraldPosts} post pages, expected at least ${count}.`);
  if ((await countPages(bareOut, 'posts')) !== count) throw new Error(`The bare project did not build ${count} pages.`);

  const results = {
    bare: [] as { ms: number; peakRssMb: number }[],
    herald: [] as { ms: number; peakRssMb: number }[],
  };
  for (let i = 0; i < runs; i++) {
    results.bare.push(await buildBare());
    results.herald.push(await buildHerald());
  }
  const summary = (name: string, list: { ms: number; peakRssMb: number }[]): Measurement => ({
    name,
    ms: median(list.map((r) => r.ms)),
    runs,
    peakRssMb: Math.max(...list.map((r) => r.peakRssMb)),
  });
  const bareResult = summary(`bare Astro + MDX build, ${count.toLocaleString('en')} pages (cold)`, results.bare);
  const heraldResult = summary(
    `Herald site build, example + ${count.toLocaleString('en')} posts, ${(await readdir(heraldOut, { recursive: true })).filter((n) => n.endsWith('.html')).length.toLocaleString('en')} pages (cold)`,
    results.herald,
  );
  const ratio = heraldResult.ms / bareResult.ms;
  // On stderr, which the runner passes through: its stdout carries only the measurements.
  console.error(await heaviestMonth(heraldOut));
  report(
    [bareResult, heraldResult],
    [{ name: 'Herald build ≤ 1.3 × bare Astro + MDX', pass: ratio <= 1.3, detail: `${ratio.toFixed(2)} ×` }],
  );
} finally {
  await rm(work, { recursive: true, force: true });
}
