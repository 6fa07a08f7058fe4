import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readContent } from '../../../src/lib/project/read-content.ts';
import { pngHeader } from '../../helpers/project.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'herald-read-'));
  await mkdir(join(dir, 'content', 'posts', '2026', '12'), { recursive: true });
  await writeFile(join(dir, 'content', 'herald.yaml'), 'organization: T\n');
  await writeFile(join(dir, 'content', 'posts', '2026', '12', 'post.mdx'), '---\ntitle: T\n---\nHi\n');
  await writeFile(join(dir, 'content', 'posts', '2026', '12', 'hall.png'), pngHeader(1200, 800));
  await writeFile(join(dir, 'content', 'posts', '2026', '12', 'notes.jpg'), 'not an image at all');
  await writeFile(join(dir, 'content', 'posts', '2026', '12', '.DS_Store'), 'x');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('reads text files whole and measures every other file from its first bytes', async () => {
  const files = await readContent(dir);
  expect(files.map((f) => f.path)).toEqual([
    'content/herald.yaml',
    'content/posts/2026/12/hall.png',
    'content/posts/2026/12/notes.jpg',
    'content/posts/2026/12/post.mdx',
  ]);
  expect(new TextDecoder().decode(files[3]!.bytes)).toBe('---\ntitle: T\n---\nHi\n');
  expect(files[1]).toMatchObject({
    bytes: new Uint8Array(0),
    media: { size: 33, format: 'png', width: 1200, height: 800 },
  });
  expect(files[2]!.media).toEqual({ size: 19 });
});
