import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import jsYaml from 'js-yaml';
import { readFile } from 'node:fs/promises';
import { join, matchesGlob, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { remark } from 'remark';
import { engine } from 'unified-engine';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { editorFiles } from '../../src/lib/sync/editor.ts';
import { editorSchemas } from '../../src/lib/sync/json-schema.ts';
import { readContent } from '../../src/lib/project/read-content.ts';
import { splitFrontmatter } from '../../src/lib/project/source.ts';
import { file, goodFrontmatter, load, post, testConfig } from '../helpers/project.ts';

const root = resolve('.');
const ajv = new Ajv({ allErrors: true });
addFormats.default(ajv);

async function validatorFor(schemaFile: string): Promise<ValidateFunction> {
  return ajv.compile(JSON.parse(await readFile(schemaFile, 'utf8')));
}

/** The front matter of a post or page as an editor reads it: YAML 1.2, dates stay text. */
function frontmatterOf(path: string, text: string): unknown {
  const split = splitFrontmatter(path, text);
  if (!split.ok) throw new Error(split.problem.message);
  return jsYaml.load(split.value.yaml, { schema: jsYaml.CORE_SCHEMA });
}

describe('the generated editor files', () => {
  it('are draft-07 JSON Schemas, the draft the YAML language server reads', () => {
    for (const entry of editorSchemas) {
      expect(JSON.parse(editorFiles()[entry.file]!)).toMatchObject({
        $schema: 'http://json-schema.org/draft-07/schema#',
        title: entry.title,
        type: 'object',
      });
    }
  });

  it('point the YAML extension at herald.yaml and open posts and handbook pages as Markdown for remark', () => {
    const settings = JSON.parse(editorFiles()['.vscode/settings.json']!);
    expect(settings['yaml.schemas']).toEqual({ './schemas/herald.schema.json': ['**/content/herald.yaml'] });
    expect(settings['files.associations']).toMatchObject({
      '**/content/posts/**/*.mdx': 'markdown',
      '**/content/handbook/**/*.mdx': 'markdown',
    });
  });
});

describe('the example content against the generated schemas', () => {
  it('herald.yaml, every post and every handbook page pass', async () => {
    const files = await readContent(root);
    const checked: string[] = [];
    for (const entry of editorSchemas) {
      const validate = await validatorFor(entry.file);
      const matching = files.filter((f) => entry.files.some((glob) => matchesGlob(f.path, glob)));
      for (const source of matching) {
        const text = new TextDecoder().decode(source.bytes);
        const data = source.path.endsWith('.yaml')
          ? jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA })
          : frontmatterOf(source.path, text);
        validate(data);
        expect(validate.errors ?? [], source.path).toEqual([]);
        checked.push(source.path);
      }
    }
    expect(checked).toContain('content/herald.yaml');
    expect(checked.filter((path) => path.startsWith('content/posts/')).length).toBeGreaterThan(50);
    expect(checked.filter((path) => path.startsWith('content/handbook/')).length).toBeGreaterThan(5);
  });
});

/** Front matter the loader and the editor schema must judge alike. */
const samples: { name: string; frontmatter: string; ok: boolean }[] = [
  { name: 'a plain good post', frontmatter: goodFrontmatter, ok: true },
  {
    name: 'every optional setting',
    frontmatter: `${goodFrontmatter}\ncampaign: agm-2026\nauthor: ada\nlabels: [event]\nkind: reshare\nlink: https://riverside.example/agm\nid: the-post\nexpiresAt: 2026-12-04 09:00\nvariants:\n  x: Short text.\ncontentWarning: Flooding\nvisibility: unlisted`,
    ok: true,
  },
  {
    name: 'an offset on a time that happens twice',
    frontmatter: 'title: T\npublishAt: 2026-10-25 02:30+01:00\nchannels: [mastodon]',
    ok: true,
  },
  { name: 'a misspelt setting', frontmatter: `${goodFrontmatter}\ncampain: agm`, ok: false },
  { name: 'no title', frontmatter: 'publishAt: 2026-12-03 18:30\nchannels: [mastodon]', ok: false },
  { name: 'an empty title', frontmatter: 'title: ""\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]', ok: false },
  { name: 'no channels', frontmatter: 'title: T\npublishAt: 2026-12-03 18:30\nchannels: []', ok: false },
  { name: 'a time without a date', frontmatter: 'title: T\npublishAt: "18:30"\nchannels: [mastodon]', ok: false },
  {
    name: 'a date in another format',
    frontmatter: 'title: T\npublishAt: 03.12.2026 18:30\nchannels: [mastodon]',
    ok: false,
  },
  { name: 'an unknown kind', frontmatter: `${goodFrontmatter}\nkind: advert`, ok: false },
  { name: 'a campaign with capitals', frontmatter: `${goodFrontmatter}\ncampaign: AGM 2026`, ok: false },
  { name: 'a link that is not a web address', frontmatter: `${goodFrontmatter}\nlink: riverside`, ok: false },
  {
    name: 'an image without alt text',
    frontmatter: `${goodFrontmatter}\nmedia:\n  - src: ./a.jpg\n    rights: owned`,
    ok: false,
  },
  {
    name: 'an image with unknown rights',
    frontmatter: `${goodFrontmatter}\nmedia:\n  - src: ./a.jpg\n    alt: A hall\n    rights: mine`,
    ok: false,
  },
  { name: 'a repeat without an end', frontmatter: `${goodFrontmatter}\nrepeat:\n  every: P3M`, ok: false },
  {
    name: 'a number as the title',
    frontmatter: 'title: [1, 2]\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]',
    ok: false,
  },
];

describe('the post schema judges front matter as the loader does', async () => {
  const validate = await validatorFor('schemas/post.schema.json');
  for (const sample of samples) {
    it(`${sample.ok ? 'accepts' : 'refuses'} ${sample.name}`, () => {
      const path = 'content/posts/2026/12/the-post.mdx';
      const text = post(sample.frontmatter);
      const loaderErrors = load([file(path, text)]).problems.filter(
        (p) => p.severity === 'error' && p.rule.startsWith('schema/'),
      );
      expect(loaderErrors.length === 0, `loader on ${sample.name}`).toBe(sample.ok);
      expect(validate(frontmatterOf(path, text)), `editor schema on ${sample.name}`).toBe(sample.ok);
    });
  }
});

describe('herald.yaml schema', async () => {
  const validate = await validatorFor('schemas/herald.schema.json');
  const config = (extra: string) => jsYaml.load(`${testConfig}${extra}`, { schema: jsYaml.CORE_SCHEMA });

  it('accepts the test configuration', () => {
    expect(validate(config(''))).toBe(true);
  });

  it.each([
    ['an unknown network', '  - id: tiktok\n    network: tiktok\n'],
    ['a Mastodon channel without its instance', '  - id: second\n    network: mastodon\n'],
    ['an unknown top-level setting', 'timezones: UTC\n'],
    ['a quiet period without a reason', 'calendar:\n  quietPeriods:\n    - { from: 2026-12-24, to: 2026-12-26 }\n'],
  ])('refuses %s', (_name, extra) => {
    expect(validate(config(extra))).toBe(false);
  });
});

/**
 * What the remark extension shows in VS Code: its language server runs unified-engine with the
 * workspace's remark and .remarkrc.json on a file with an absolute path, and turns each message
 * into a diagnostic at the message's place.
 */
async function editorDiagnostics(path: string, text: string) {
  const vfile = new VFile({ cwd: root, path: join(root, path), value: text });
  await new Promise<void>((done, fail) => {
    engine(
      {
        processor: remark(),
        cwd: root,
        files: [vfile],
        rcName: '.remarkrc',
        packageField: 'remarkConfig',
        pluginPrefix: 'remark',
        ignoreName: '.remarkignore',
        silentlyIgnore: true,
        quiet: false,
        streamError: new PassThrough(),
        streamOut: new PassThrough(),
      },
      (error) => (error ? fail(error) : done()),
    );
  });
  return vfile.messages.map((m) => ({ line: m.line ?? undefined, reason: m.reason, expected: m.expected }));
}

describe('front matter checks in the editor (remark extension with .remarkrc.json)', () => {
  it('marks a wrong kind on its line with the choices as quick fixes, a missing title and a misspelt setting', async () => {
    const text = post('publishAt: 2026-12-03 18:30\nchannels: [mastodon]\ncampain: agm\nkind: advert');
    const messages = await editorDiagnostics('content/posts/2026/12/draft.mdx', text);
    expect(messages).toHaveLength(3);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          line: 5,
          reason: expect.stringMatching(
            /^Must be equal to one of the allowed values: `original`, `reshare`, `evergreen`/,
          ),
          expected: ['original', 'reshare', 'evergreen'],
        }),
        // Findings about the whole front matter stand at its start: the plugin cannot name the key.
        expect.objectContaining({
          line: undefined,
          reason: expect.stringMatching(/^Must have required property 'title'/),
        }),
        expect.objectContaining({
          line: undefined,
          reason: expect.stringMatching(/^Must NOT have additional properties/),
        }),
      ]),
    );
  });

  it('checks handbook pages against the handbook schema', async () => {
    const messages = await editorDiagnostics(
      'content/handbook/new-page.mdx',
      post('title: A page\nowner: Comms lead\nlastReviewed: 2026-09-15\nreviewEvery: yearly'),
    );
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reason: expect.stringMatching(/required property 'description'/) }),
        expect.objectContaining({
          line: 5,
          reason: expect.stringMatching(/^Must match pattern .* #\/properties\/reviewEvery\/pattern$/),
        }),
      ]),
    );
  });

  it('is silent on a good post', async () => {
    const text = await readFile('content/posts/2026/12/agm-2026-live.mdx', 'utf8');
    expect(await editorDiagnostics('content/posts/2026/12/agm-2026-live.mdx', text)).toEqual([]);
  });
});
