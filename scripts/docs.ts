/** `npm run docs`: writes docs/configuration.md from the schemas. A test fails when it is stale. */
import { writeFile } from 'node:fs/promises';
import { configurationReference } from '../src/lib/sync/reference.ts';

await writeFile('docs/configuration.md', configurationReference());
console.log('Wrote docs/configuration.md');
