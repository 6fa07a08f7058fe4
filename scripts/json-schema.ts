/**
 * `npm run schemas`: writes the JSON Schemas in schemas/ and the editor settings that use them
 * (see src/lib/editor.ts). A test fails when a committed file is stale.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { editorFiles } from '../src/lib/editor.ts';

for (const [path, text] of Object.entries(editorFiles())) {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  console.log(`Wrote ${path}`);
}
