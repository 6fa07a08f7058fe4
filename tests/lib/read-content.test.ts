import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readContent } from '../../src/lib/read-content.ts';

let dir: string;

/** The first bytes of a PNG: signature and an IHDR chunk with the image's width and height. */
function pngHeader(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 6, 0, 0, 0], 24);
  return bytes;
}

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
  expect(files[1]).toMatchObject({ bytes: new Uint8Array(0), media: { size: 33, format: 'png', width: 1200, height: 800 } });
  expect(files[2]!.media).toEqual({ size: 19 });
});
