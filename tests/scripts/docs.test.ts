import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { configurationReference } from '../../src/lib/sync/reference.ts';

it('docs/configuration.md matches the schemas (run npm run docs after changing them)', async () => {
  const committed = await readFile('docs/configuration.md', 'utf8');
  expect(committed).toBe(configurationReference());
});

it('the reference names every required post setting and each network', () => {
  const reference = configurationReference();
  for (const setting of ['`publishAt`', '`channels`', '`media[].alt`', '`media[].rights`']) {
    expect(reference).toMatch(new RegExp(`\\| ${setting.replace(/[[\]]/g, '\\$&')} \\| [^\\n]+? \\| yes \\|`));
  }
  for (const network of ['mastodon', 'bluesky', 'x', 'linkedin', 'threads', 'webhook'])
    expect(reference).toContain(`#### ${network}\n`);
});
