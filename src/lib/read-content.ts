import { closeSync, fstatSync, globSync, openSync, readSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { imageSize } from 'image-size';
import { maxTextFileBytes, type MediaFileInfo, type SourceFile } from './source.ts';

const textFile = /^content\/(?:herald\.yaml|(?:posts|handbook)\/.*\.mdx?)$/;

/** image-size finds every format it knows within the first 512 KB, as its own file reader does. */
const headerBytes = 512 * 1024;

/**
 * Reads the content folder for the loader: the only file-system access in the core, everything after
 * it works on the returned data. Text files are read whole; a file too large to be a post is measured,
 * not read, so a stray video cannot exhaust memory. Any other file (an image next to a post) is
 * measured from its first bytes: size, format and dimensions, which the media rules check.
 *
 * The files are read one after another, synchronously: for thousands of small files that is three to
 * five times faster than as many promises queued on libuv's thread pool, and nothing else runs while
 * content is loaded.
 */
export async function readContent(root: string): Promise<SourceFile[]> {
  const base = resolve(root);
  const found: { path: string; text: boolean }[] = [];
  for (const entry of globSync('content/**/*', { cwd: base, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.startsWith('.')) continue;
    const path = relative(base, join(entry.parentPath, entry.name)).split('\\').join('/');
    found.push({ path, text: textFile.test(path) });
  }
  found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return found.map(({ path, text }) => readFile(join(base, path), path, text));
}

function readFile(full: string, path: string, text: boolean): SourceFile {
  const fd = openSync(full, 'r');
  try {
    const { size } = fstatSync(fd);
    if (!text) {
      const header = new Uint8Array(Math.min(size, headerBytes));
      readSync(fd, header, 0, header.length, 0);
      return { path, bytes: new Uint8Array(0), media: { size, ...measureImage(header) } };
    }
    if (size > maxTextFileBytes) return { path, bytes: new Uint8Array(0), size };
    // The size is known: reading into a buffer of that size spares readFileSync its own fstat.
    const bytes = new Uint8Array(size);
    let read = 0;
    for (let n = 1; read < size && n > 0; read += n) n = readSync(fd, bytes, read, size - read, read);
    return { path, bytes: read === size ? bytes : bytes.subarray(0, read) };
  } finally {
    closeSync(fd);
  }
}

function measureImage(header: Uint8Array): Omit<MediaFileInfo, 'size'> {
  try {
    const { type, width, height } = imageSize(header);
    return { format: type, width, height };
  } catch {
    // Not an image image-size knows, or one cut off before its dimensions: the rules say so.
    return {};
  }
}
