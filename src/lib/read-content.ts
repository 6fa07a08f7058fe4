import { glob, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { maxTextFileBytes, type SourceFile } from './source.ts';

export const contentGlobs = ['content/herald.yaml', 'content/posts/**/*.{md,mdx}', 'content/handbook/**/*.{md,mdx}'];

/**
 * Reads the content folder for the loader: the only file-system access in the core, everything after
 * it works on the returned data. A file too large to be a post is measured, not read, so a stray video
 * cannot exhaust memory.
 */
export async function readContent(root: string): Promise<SourceFile[]> {
  const paths: string[] = [];
  for await (const path of glob(contentGlobs, { cwd: root })) paths.push(path.split('\\').join('/'));
  paths.sort();
  return Promise.all(
    paths.map(async (path): Promise<SourceFile> => {
      const full = join(root, path);
      const { size } = await stat(full);
      if (size > maxTextFileBytes) return { path, bytes: new Uint8Array(0), size };
      return { path, bytes: new Uint8Array(await readFile(full)) };
    }),
  );
}
