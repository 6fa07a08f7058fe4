/**
 * `npm start`: builds the site and serves it locally until Ctrl+C. Uses Astro's JS API so stopping
 * this process stops the server too. The address includes the site's base path (herald.yaml's
 * `site`), as GitHub Pages serves it.
 */
import { build, preview } from 'astro';
import { siteAddress } from '../src/site/address.ts';
import { BuildStop } from '../src/site/build-stop.ts';
import { buildNow, projectDir } from '../src/site/env.ts';

process.env['ASTRO_TELEMETRY_DISABLED'] = '1';
const port = Number(process.env['PORT'] ?? 4321);
const host = process.env['HOST'] ?? '127.0.0.1';

try {
  await build({ logLevel: 'warn' });
} catch (error) {
  // The content stopped the build: its message says what to fix, and a stack trace would only hide it.
  if (!BuildStop.is(error)) throw error;
  console.error(error.message);
  process.exit(1);
}
const server = await preview({ logLevel: 'warn', server: { host, port } });
const { base } = await siteAddress(projectDir(process.cwd()), buildNow());
console.log(
  `\nHerald is running at http://${host === '0.0.0.0' ? 'localhost' : host}:${server.port}${base}  (Ctrl+C to stop)`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void server.stop().then(() => process.exit(0));
  });
}
