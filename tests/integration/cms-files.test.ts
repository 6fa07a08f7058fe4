import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Connect, ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmsBundle, cmsDevFiles } from '../../src/integration/cms-files.ts';

let work: string;
/** A bundle as cmsBundle leaves it, with a file beside it that must never be served. */
let bundle: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'herald-cms-'));
  bundle = join(work, 'bundle');
  await mkdir(join(bundle, 'chunks'), { recursive: true });
  await writeFile(join(bundle, 'index.js'), 'export const init = () => {};\n');
  await writeFile(join(bundle, 'chunks', 'fr.js'), 'export default {};\n');
  await writeFile(join(work, 'package.json'), '{"name": "outside"}\n');
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** What `astro dev` answers for `url` through the CMS middleware: its status and type, or that it passed the request on. */
async function request(url: string, base = '/'): Promise<{ passed: true } | { type: string; body: string }> {
  let handler: Connect.NextHandleFunction | undefined;
  const plugin = cmsDevFiles(base, () => Promise.resolve(bundle));
  const configure = plugin.configureServer as (server: ViteDevServer) => void;
  configure({ middlewares: { use: (fn: Connect.NextHandleFunction) => (handler = fn) } } as unknown as ViteDevServer);
  return new Promise((resolve, reject) => {
    const response = new PassThrough() as PassThrough & { setHeader(name: string, value: string): void };
    const headers = new Map<string, string>();
    response.setHeader = (name, value) => headers.set(name.toLowerCase(), value);
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () =>
      resolve({ type: headers.get('content-type') ?? '', body: Buffer.concat(chunks).toString('utf8') }),
    );
    try {
      handler!({ url } as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve({ passed: true }),
      );
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

describe('the CMS in astro dev', () => {
  it('serves the CMS module as JavaScript, with or without the base', async () => {
    for (const url of ['/admin/cms/index.js', '/riverside/admin/cms/index.js?v=1']) {
      const answer = await request(url, '/riverside/');
      expect(answer).toMatchObject({ type: 'text/javascript' });
    }
  });

  it('passes on what is not a file of the CMS: source maps, folders, paths out of its folder', async () => {
    for (const url of [
      '/admin/cms/index.js.map',
      '/admin/cms/chunks/',
      '/admin/cms/../package.json',
      '/admin/cms/%2e%2e/package.json',
      '/admin/cms/../../package.json',
      '/admin/cms/%2e%2e/%2e%2e/package.json',
      '/admin/cms/..',
      '/admin/',
    ])
      expect(await request(url), url).toEqual({ passed: true });
  });

  it('passes on a path it cannot decode, so a page with a bad % escape is not a server error', async () => {
    expect(await request('/calendar/%E0%A4%A/')).toEqual({ passed: true });
    expect(await request('/admin/cms/%E0%A4%A.js')).toEqual({ passed: true });
  });
});

describe('the CMS bundle', () => {
  it('is one folder a browser can run as it is: every import is a file of its own, translations included', async () => {
    const folder = await cmsBundle(work);
    expect(folder.startsWith(join(work, 'node_modules', '.cache', 'herald'))).toBe(true);
    const files = (await readdir(folder, { recursive: true })).filter((file) => file.endsWith('.js'));
    const code = await Promise.all(files.map((file) => readFile(join(folder, file), 'utf8')));
    expect(code[files.indexOf('index.js')]).toMatch(/export\s*\{[^}]*\binit\b/);
    // A bare name (import "exifr") is what a browser cannot resolve: the package's own build has them.
    const specifiers = code.flatMap((text) => [
      ...[...text.matchAll(/(?:^|[;}\n])\s*import\s*(?:[\w$*{},\s]+?\s*from\s*)?["']([^"']+)["']/g)].map((m) => m[1]!),
      ...[...text.matchAll(/\bimport\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]!),
    ]);
    expect(specifiers.length).toBeGreaterThan(10);
    const bare = specifiers.filter((name) => !/^(\.\.?\/|https?:|data:|blob:)/.test(name));
    expect(bare).toEqual([]);
    // The French interface, which the package loads from ../locales/fr.json, is a chunk of the bundle.
    expect(code.some((text) => text.includes('Bienvenue'))).toBe(true);
    // Asked again, the same folder, made once.
    await expect(cmsBundle(work)).resolves.toBe(folder);
  }, 180_000);
});
