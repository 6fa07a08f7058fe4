import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cmsConfig, type CmsField } from '../../../src/lib/sync/cms.ts';
import { parseProject } from '../../../src/lib/project/load.ts';
import { readContent } from '../../../src/lib/project/read-content.ts';
import type { HeraldConfig } from '../../../src/schemas/config.ts';
import { handbookSchema } from '../../../src/schemas/handbook.ts';
import { slug } from '../../../src/schemas/common.ts';
import { postKinds, postSchema } from '../../../src/schemas/post.ts';
import { testNow } from '../../helpers/project.ts';

const config = parseProject(await readContent('.'), { now: testNow }).config as HeraldConfig;
const { config: cms, leftOut } = cmsConfig(config);
const collection = (name: string) =>
  cms.collections.find((c) => c['name'] === name) as { fields: CmsField[] } & Record<string, unknown>;
const byName = (fields: CmsField[], name: string) => fields.find((field) => field.name === name);

describe('the CMS configuration', () => {
  it('is valid for Sveltia CMS, by the JSON Schema its package ships', async () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(
      JSON.parse(await readFile('node_modules/@sveltia/cms/schema/sveltia-cms.json', 'utf8')),
    );
    expect(validate(cms), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('saves to the repository of herald.yaml through pull requests (the editorial workflow)', () => {
    expect(cms.backend).toMatchObject({ name: 'github', repo: 'example/riverside-social', branch: 'main' });
    expect(cms.publish_mode).toBe('editorial_workflow');
    expect(cms.load_config_file).toBe(false);
  });

  it("offers sign-in with an access token only while herald.yaml names no OAuth client, never Netlify's", () => {
    expect(config.cms.authBaseUrl).toBeUndefined();
    expect(cms.backend.auth_methods).toEqual(['token']);
    expect(cms.backend).not.toHaveProperty('base_url');
  });

  it('signs in with GitHub through the OAuth client cms.authBaseUrl names, valid for Sveltia CMS', async () => {
    const client = 'https://sveltia-cms-auth.riverside.workers.dev';
    const { config: withClient } = cmsConfig({ ...config, cms: { authBaseUrl: client } });
    expect(withClient.backend).toMatchObject({ base_url: client, auth_methods: ['oauth', 'token'] });
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(
      JSON.parse(await readFile('node_modules/@sveltia/cms/schema/sveltia-cms.json', 'utf8')),
    );
    expect(validate(withClient), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('keeps posts in content/posts/{{year}}/{{month}} as .mdx with front matter, images next to them', () => {
    expect(collection('posts')).toMatchObject({
      folder: 'content/posts',
      path: '{{year}}/{{month}}/{{slug}}',
      extension: 'mdx',
      format: 'frontmatter',
      create: true,
      media_folder: '',
      public_folder: '',
    });
    expect(collection('handbook')).toMatchObject({
      folder: 'content/handbook',
      extension: 'mdx',
      format: 'frontmatter',
    });
  });

  it('leaves only the first-person word lists of the house rules to the file: no form field holds a map of lists', () => {
    expect(leftOut.map((item) => item.path)).toEqual(['houseRules.firstPerson']);
  });

  it('offers the channels of herald.yaml, at least one', () => {
    expect(byName(collection('posts').fields, 'channels')).toMatchObject({
      widget: 'select',
      multiple: true,
      min: 1,
      required: true,
      options: config.channels.map((channel) => expect.objectContaining({ value: channel.id })),
    });
  });
});

/** Every setting of a schema, with what an author must write and may choose. */
function settingsOf(
  schema: z.ZodObject,
  prefix = '',
): { path: string; required: boolean; options?: string[]; default?: unknown }[] {
  return Object.entries(schema.shape).flatMap(([name, value]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    let inner = value as z.ZodType;
    let required = true;
    let fallback: unknown;
    for (;;) {
      if (inner instanceof z.ZodOptional) required = false;
      else if (inner instanceof z.ZodDefault) {
        required = false;
        fallback = inner.def.defaultValue;
      } else break;
      inner = (inner as z.ZodOptional | z.ZodDefault).unwrap() as z.ZodType;
    }
    const element = inner instanceof z.ZodArray ? (inner.element as z.ZodType) : inner;
    const options = element instanceof z.ZodEnum ? (element.options as string[]) : undefined;
    const own = { path, required, ...(options && { options }), ...(fallback !== undefined && { default: fallback }) };
    const nested = element instanceof z.ZodObject ? settingsOf(element, path) : [];
    return [own, ...nested];
  });
}

function fieldAt(fields: CmsField[], path: string): CmsField | undefined {
  const [first, ...rest] = path.split('.');
  const field = byName(fields, first!);
  return rest.length === 0 ? field : field?.fields && fieldAt(field.fields, rest.join('.'));
}

describe.each([
  ['posts', postSchema],
  ['handbook', handbookSchema],
])('the %s form matches its zod schema', (name, schema) => {
  const fields = collection(name).fields;
  const settings = settingsOf(schema);
  const left = new Set(leftOut.map((item) => item.path));

  it('has a field for every setting, or says which it leaves to the file', () => {
    const missing = settings.filter((s) => !fieldAt(fields, s.path) && !left.has(s.path)).map((s) => s.path);
    expect(missing).toEqual([]);
  });

  it('and no field the schema does not know (besides the text)', () => {
    const paths = new Set(settings.map((s) => s.path));
    const walk = (list: CmsField[], prefix = ''): string[] =>
      list.flatMap((f) => [`${prefix}${f.name}`, ...walk(f.fields ?? [], `${prefix}${f.name}.`)]);
    expect(walk(fields).filter((path) => !paths.has(path))).toEqual(['body']);
  });

  it('requires exactly what the schema requires', () => {
    for (const setting of settings) {
      const field = fieldAt(fields, setting.path);
      if (field) expect(field.required, setting.path).toBe(setting.required);
    }
  });

  it('offers the same choices and defaults', () => {
    for (const setting of settings) {
      const field = fieldAt(fields, setting.path);
      if (!field) continue;
      if (setting.options) expect(field.options, setting.path).toEqual(setting.options);
      const meaningful =
        setting.default !== undefined &&
        !(Array.isArray(setting.default) && setting.default.length === 0) &&
        !(typeof setting.default === 'object' && setting.default !== null && Object.keys(setting.default).length === 0);
      expect(field.default, setting.path).toEqual(meaningful ? setting.default : undefined);
    }
  });
});

describe('fields an author understands', () => {
  const fields = collection('posts').fields;

  it("picks the time in the organisation's wall clock, written as the loader reads it", () => {
    expect(byName(fields, 'publishAt')).toMatchObject({
      widget: 'datetime',
      format: 'YYYY-MM-DD HH:mm',
      picker_utc: false,
      required: true,
      hint: expect.stringContaining('local date and time'),
    });
  });

  it('chooses the kind from a list, original by default', () => {
    expect(byName(fields, 'kind')).toMatchObject({
      widget: 'select',
      options: [...postKinds],
      default: 'original',
      required: false,
    });
  });

  it('uploads images or an MP4 video next to the post, each with alt text and rights', () => {
    const media = byName(fields, 'media')!;
    expect(media.widget).toBe('list');
    expect(media.fields?.map((f) => [f.name, f.widget, f.required])).toEqual([
      ['src', 'file', true],
      ['alt', 'string', true],
      ['captions', 'file', false],
      ['captionsLang', 'string', false],
      ['rights', 'select', true],
      ['credit', 'string', false],
      ['expiresAt', 'datetime', false],
    ]);
  });

  it('lets an editor pick an image or an MP4 for a post, and a WebVTT file for its captions', () => {
    const media = byName(fields, 'media')!;
    // Sveltia's image widget offers images only: a video could not be chosen there.
    expect(byName(media.fields!, 'src')!.accept).toBe(
      'image/jpeg,.jpg,.jpeg,image/png,.png,image/gif,.gif,image/webp,.webp,video/mp4,.mp4',
    );
    expect(byName(media.fields!, 'captions')!.accept).toBe('text/vtt,.vtt');
  });

  it('gives each network its own text as key and value', () => {
    expect(byName(fields, 'variants')).toMatchObject({ widget: 'keyvalue', required: false });
  });

  it('gives a new post a stable id once, which no one edits, so renaming its file never makes it a new post', () => {
    expect(byName(fields, 'id')).toEqual({
      name: 'id',
      label: 'Id',
      widget: 'uuid',
      use_b32_encoding: true,
      read_only: true,
      required: false,
      hint: expect.stringContaining('even when its file is renamed or moved'),
    });
    // Lower-case Base32, as the uuid widget writes it with use_b32_encoding, is an id the loader accepts.
    expect(slug.safeParse('pspgm6luevan5fcl4b74d6ik44').success).toBe(true);
  });

  it("checks ids and campaigns with the schema's own pattern", () => {
    const campaign = byName(fields, 'campaign')!;
    expect(campaign.pattern?.[0]).toBe('^[a-z0-9]+(?:-[a-z0-9]+)*$');
    expect(new RegExp(campaign.pattern![0]).test('agm-2026')).toBe(true);
    expect(new RegExp(campaign.pattern![0]).test('AGM 2026')).toBe(false);
  });
});
