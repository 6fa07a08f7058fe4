import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import type { Connect, ViteDevServer } from 'vite';
import { describe, expect, it } from 'vitest';
import { cmsDevFiles } from '../../src/integration/cms-files.ts';

/** What `astro dev` answers for `url` through the CMS middleware: its status and type, or that it passed the request on. */
async function request(url: string, base = '/'): Promise<{ passed: true } | { type: string; body: string }> {
  let handler: Connect.NextHandleFunction | undefined;
  const plugin = cmsDevFiles(base);
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
