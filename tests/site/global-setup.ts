/**
 * Builds the example site once for every test in tests/site and serves it with Astro's preview
 * server on a free port. The build runs in its own process with a fixed "now", so what is upcoming,
 * overdue or missed never depends on the day the tests run.
 */
import { preview } from 'astro';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../helpers/ports.ts';
import { buildSite, root } from './site.ts';

export default async function setup(project: TestProject) {
  const outDir = await mkdtemp(join(tmpdir(), 'herald-site-'));
  project.provide('buildLog', await buildSite(outDir));
  const server = await preview({
    root,
    outDir,
    logLevel: 'error',
    server: { host: '127.0.0.1', port: await freePort() },
  });
  const base = new URL('/riverside-social/', `http://127.0.0.1:${server.port}`).toString();
  project.provide('siteUrl', base);
  project.provide('distDir', outDir);
  return async () => {
    await server.stop();
    await rm(outDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
    distDir: string;
    /** What the build of the example printed. */
    buildLog: string;
  }
}
