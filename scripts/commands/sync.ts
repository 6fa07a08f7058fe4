import { lstatSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { parseProject } from '../../src/lib/project/load.ts';
import { readContent } from '../../src/lib/project/read-content.ts';
import type { Files } from '../../src/lib/sync/generated.ts';
import { migrate, oldestVersion, type Migration } from '../../src/lib/sync/migrations.ts';
import { newerMessage, newerThan, sameText } from '../../src/lib/sync/stale.ts';
import { stampVersion } from '../../src/lib/sync/stamp.ts';
import { decodeText, type SourceFile } from '../../src/lib/project/source.ts';
import { nowOption, parseOptions, projectRoot, usable } from '../cli.ts';
import { expectedFiles, presentFiles } from '../generated-files.ts';
import { heraldVersion } from '../herald-package.ts';

const usage = `Usage: herald sync [--check]

Writes the files Herald generates into this repository (the workflows, the .github files made from
content/, the JSON Schemas, the editor settings) as the installed Herald makes them, and shows each
change as a diff. Run it after upgrading Herald, and after changing the reviewers, a handbook page's
owner, the house rules or the channels. When the upgrade changed a file format, it first migrates
content/ to the new format. It writes nothing else.
  --check   write nothing; exit 1 when a file is out of date
Exit code: 0 up to date or written, 1 out of date (--check), 2 could not run.`;

/** Runs `herald sync`; the registry of migrations is a parameter for tests. */
export async function sync(args: string[], registry?: readonly Migration[]): Promise<number> {
  const { values } = parseOptions(args, { check: { type: 'boolean', default: false } }, usage);
  const root = projectRoot();
  const now = nowOption(undefined);
  const sources = await readContent(root);

  // Migrations first: a herald.yaml in an older format may be what the new version cannot read.
  const content = Object.fromEntries(
    sources.flatMap((file) => {
      const text = file.media ? undefined : decodeText(file);
      return text?.ok ? [[file.path, text.value]] : [];
    }),
  );
  const stamped = Object.entries(presentFiles(root, Object.keys(expectedFiles(parseProject(sources, { now })))));
  const newer = stamped.find(([, text]) => newerThan(stampVersion(text) ?? '', heraldVersion));
  if (newer) {
    console.error(`herald sync wrote nothing: ${newerMessage(newer[0], stampVersion(newer[1])!, heraldVersion)}`);
    return 2;
  }
  const stamps = stamped.map(([, text]) => stampVersion(text));
  const { changed: migrated, applied } = migrate(content, oldestVersion(stamps), heraldVersion, registry);
  for (const migration of applied) console.log(`Migration for Herald ${migration.version}: ${migration.description}`);
  const encoder = new TextEncoder();
  const current: SourceFile[] = sources.map((file) =>
    migrated[file.path] === undefined ? file : { path: file.path, bytes: encoder.encode(migrated[file.path]) },
  );

  const project = usable(
    parseProject(current, { now }),
    values.check ? 'herald sync cannot tell what is out of date' : 'herald sync wrote nothing',
  );
  const expected = expectedFiles(project);
  const present = presentFiles(root, Object.keys(expected));
  const before: Files = { ...content, ...present };
  const changes = Object.entries({ ...migrated, ...expected }).filter(([path, text]) => !sameText(text, before[path]));

  for (const [path, text] of changes) process.stdout.write(patch(path, before[path], text));
  if (changes.length === 0) {
    console.log(`Every generated file is as Herald ${heraldVersion} writes it.`);
    return 0;
  }
  const count = changes.length === 1 ? '1 file' : `${changes.length} files`;
  if (values.check) {
    console.log(
      `${count} out of date for Herald ${heraldVersion}: run npx herald sync to write ${changes.length === 1 ? 'it' : 'them'}.`,
    );
    return 1;
  }
  const linked = changes.map(([path]) => symlinkOn(root, path)).find((path) => path !== undefined);
  if (linked) {
    console.error(
      `herald sync wrote nothing: ${linked} is a symbolic link, and Herald writes its files only inside this repository. Replace the link with the file (or remove it), then run herald sync again.`,
    );
    return 2;
  }
  for (const [path, text] of changes) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  console.log(
    `Wrote ${count} for Herald ${heraldVersion}: ${changes.map(([path]) => path).join(', ')}. Review the changes and commit them.`,
  );
  return 0;
}

/** The first part of `path` (a folder or the file itself) that is a symbolic link, which a write would follow. */
function symlinkOn(root: string, path: string): string | undefined {
  const parts = path.split('/');
  return parts
    .map((_, i) => parts.slice(0, i + 1).join('/'))
    .find((part) => lstatSync(join(root, part), { throwIfNoEntry: false })?.isSymbolicLink());
}

/** A unified diff of one file, as git shows it; a new file is compared with /dev/null. */
function patch(path: string, before: string | undefined, after: string): string {
  return createTwoFilesPatch(
    before === undefined ? '/dev/null' : `a/${path}`,
    `b/${path}`,
    before ?? '',
    after,
    undefined,
    undefined,
    { context: 3 },
  ).replace(/^=+\n/, '');
}
