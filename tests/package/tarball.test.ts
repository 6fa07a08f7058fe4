import { readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runProgram } from '../helpers/cli.ts';
import { organisation, testEnv } from './organisation.ts';
import manifest from '../../package.json' with { type: 'json' };

const repo = resolve(import.meta.dirname, '../..');
const files = inject('packedFiles');

/** Every file under a folder of the checkout, relative to the checkout; none when it does not exist. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(join(repo, folder), { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(repo.length + 1));
}

describe('the packed package', () => {
  it('ships the compiled code with its declarations, the command, the site files and the JSON Schemas', async () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'CHANGELOG.md',
        'LICENSE',
        manifest.bin.herald,
        'build/scripts/herald.js',
      ]),
    );
    expect(files).toEqual(
      expect.arrayContaining([
        'build/src/integration/index.js',
        'build/src/integration/index.d.ts',
        'build/src/lib/project/load.js',
        'build/src/lib/project/load.d.ts',
      ]),
    );
    expect(files).toEqual(
      expect.arrayContaining([
        'build/src/routes/calendar/[...view].astro',
        'build/src/layouts/Base.astro',
        'build/src/styles/global.css',
      ]),
    );
    expect(files).toEqual(expect.arrayContaining(await filesUnder('schemas')));
    // The workflow templates, whatever they are: every file under templates/.
    expect(files).toEqual(expect.arrayContaining(await filesUnder('templates')));
    for (const target of Object.values(manifest.exports).flatMap((entry) =>
      typeof entry === 'string' ? [entry] : Object.values(entry),
    )) {
      if (!target.includes('*')) expect(files).toContain(target.replace(/^\.\//, ''));
    }
  });

  it('ships no TypeScript sources, tests, content, ledger or secrets', () => {
    // templates/ holds files herald init writes into a new repository, its src/content.config.ts among them.
    expect(
      files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.startsWith('templates/')),
    ).toEqual([]);
    expect(
      files.filter((file) =>
        /^(src|scripts|tests|bench|content|docs|dist|\.herald|\.github|\.ci|node_modules)\//.test(file),
      ),
    ).toEqual([]);
    expect(files.filter((file) => /(^|\/)(\.env[^/]*|\.npmrc|ledger\.json|.*\.(key|pem))$/.test(file))).toEqual([]);
    expect(inject('tarballSize')).toBeLessThan(1024 * 1024);
  });
});

describe('the installed package', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await organisation(inject('tarball'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** What importing `specifier` from the organisation's repository gives: the exported names, or the error's code. */
  async function importFrom(specifier: string): Promise<string> {
    const options = specifier.endsWith('.json') ? ", { with: { type: 'json' } }" : '';
    const script = `import(${JSON.stringify(specifier)}${options}).then((m) => console.log(Object.keys(m).sort().join(' ')), (e) => console.log(e.code))`;
    const { stdout } = await runProgram(
      ['--input-type=module', '--eval', script],
      dir,
      testEnv() as Record<string, string>,
    );
    return stdout.trim();
  }

  it('answers the public entry points', async () => {
    expect((await importFrom('herald/core')).split(' ')).toEqual(
      expect.arrayContaining(['parseProject', 'readContent', 'lint', 'partsFor', 'measure']),
    );
    expect((await importFrom('herald/schemas')).split(' ')).toEqual(
      expect.arrayContaining(['configSchema', 'postSchema', 'handbookSchema', 'ledgerSchema']),
    );
    expect(await importFrom('herald/package.json')).toBe('default');
    expect(await importFrom('herald/schemas/herald.schema.json')).toBe('default');
  });

  it('refuses every path outside its exports map', async () => {
    for (const deep of [
      'herald/build/src/lib/project/load.js',
      'herald/build/scripts/herald.js',
      'herald/src/lib/project/load.ts',
      'herald/bin/herald.js',
      'herald/core/load',
    ]) {
      expect(await importFrom(deep), deep).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
    }
  });
});
