import type { HeraldConfig } from '../../schemas/config.ts';
import { handbookSchema } from '../../schemas/handbook.ts';
import { postSchema } from '../../schemas/post.ts';
import { jsonSchemaOf, textFormatOf, type JsonSchema } from './json-schema.ts';
import { contentPaths } from '../project/load.ts';
import { imageFormatIds, imageFormats } from '../networks/formats.ts';
import { captionsFormat, videoFormat } from '../networks/video-formats.ts';

/**
 * The configuration of the git-based CMS at /admin (Sveltia CMS), made from the zod schemas through
 * their JSON Schema, so its forms ask for exactly what the loader accepts: the same settings, the
 * same required ones, the same choices and defaults. Each save goes through the editorial workflow:
 * a branch and a pull request, reviewed like any other.
 */

export interface CmsField {
  name: string;
  label: string;
  widget: string;
  required: boolean;
  hint?: string;
  default?: unknown;
  options?: (string | { label: string; value: string })[];
  multiple?: boolean;
  min?: number;
  max?: number;
  pattern?: [string, string];
  format?: string;
  time_format?: boolean | string;
  picker_utc?: boolean;
  value_type?: 'int' | 'float';
  fields?: CmsField[];
  field?: CmsField;
  /** uuid widget: lower-case Base32 instead of hex with dashes, which an id allows. */
  use_b32_encoding?: boolean;
  read_only?: boolean;
  /** file widget: the file types offered, as the HTML accept attribute lists them. */
  accept?: string;
}

/** A setting of a schema that no CMS field can hold, with why; the file keeps it untouched. */
export interface LeftOut {
  path: string;
  reason: string;
}

export interface CmsConfig {
  backend: { name: 'github'; repo: string; branch: string; base_url?: string; auth_methods: ('oauth' | 'token')[] };
  publish_mode: 'editorial_workflow';
  load_config_file: false;
  app_title: string;
  site_url?: string;
  display_url?: string;
  media_folder: string;
  public_folder: string;
  slug: { encoding: 'ascii'; clean_accents: true; sanitize_replacement: '-' };
  collections: Record<string, unknown>[];
}

const body: CmsField = {
  name: 'body',
  label: 'Text',
  widget: 'markdown',
  required: true,
  hint: 'What the networks receive. A line of three dashes (---) starts the next part of a thread.',
};

export function cmsConfig(config: HeraldConfig): { config: CmsConfig; leftOut: LeftOut[] } {
  const leftOut: LeftOut[] = [];
  const postFields = fieldsOf(jsonSchemaOf(postSchema), '', leftOut, {
    channels: (field) => ({
      ...field,
      widget: 'select',
      multiple: true,
      min: 1,
      options: config.channels.map((channel) => ({
        value: channel.id,
        label: `${channel.id} (${channel.network}${channel.name ? `, ${channel.name}` : ''})`,
      })),
    }),
    // A file field, not an image one: Sveltia's image widget lets an editor pick images only, and
    // media may be an MP4 video. `accept` keeps the picker to what Herald sends.
    'media.src': (field) => ({
      ...field,
      widget: 'file',
      accept: acceptOf([...imageFormatIds.map((id) => imageFormats[id]), videoFormat]),
    }),
    'media.captions': (field) => ({ ...field, widget: 'file', accept: acceptOf([captionsFormat]) }),
    // Made once when the post is created and never changed: the post stays itself, and is never sent
    // twice, when its file is renamed or moved. Base32 is lower-case letters and digits, as an id must be.
    id: ({ pattern: _pattern, ...field }) => ({
      ...field,
      widget: 'uuid',
      use_b32_encoding: true,
      read_only: true,
      hint: 'Made when the post is created, never changed: how Herald knows this post, even when its file is renamed or moved.',
    }),
  });
  const handbookFields = fieldsOf(jsonSchemaOf(handbookSchema), '', leftOut, {});
  return {
    leftOut,
    config: {
      backend: {
        name: 'github',
        repo: config.repository,
        branch: config.defaultBranch,
        ...signIn(config.cms.authBaseUrl),
      },
      publish_mode: 'editorial_workflow',
      load_config_file: false,
      app_title: `${config.organization}: Herald`,
      ...(config.site && { site_url: config.site, display_url: config.site }),
      // Images live next to the post that shows them (collection media_folder ''); the shared media
      // library is the posts folder itself.
      media_folder: contentPaths.posts.replace(/\/$/, ''),
      public_folder: '',
      slug: { encoding: 'ascii', clean_accents: true, sanitize_replacement: '-' },
      collections: [
        {
          name: 'posts',
          label: 'Posts',
          label_singular: 'Post',
          description:
            'One file per post. Saving opens a pull request; the social team reviews it, and once merged it goes out at its time.',
          folder: contentPaths.posts.replace(/\/$/, ''),
          path: '{{year}}/{{month}}/{{slug}}',
          extension: 'mdx',
          format: 'frontmatter',
          create: true,
          slug: '{{slug}}',
          identifier_field: 'title',
          summary: '{{publishAt}} · {{title}}',
          sortable_fields: ['publishAt', 'title'],
          media_folder: '',
          public_folder: '',
          fields: [...postFields, body],
        },
        {
          name: 'handbook',
          label: 'Handbook',
          label_singular: 'Handbook page',
          description: 'The policy, the style guide and the playbooks.',
          folder: contentPaths.handbook.replace(/\/$/, ''),
          extension: 'mdx',
          format: 'frontmatter',
          create: true,
          slug: '{{slug}}',
          identifier_field: 'title',
          sortable_fields: ['order', 'title'],
          fields: [...handbookFields, { ...body, hint: 'The page, in Markdown.' }],
        },
      ],
    },
  };
}

/** The HTML accept list of these formats: each MIME type and file name extension. */
function acceptOf(formats: readonly { mimeType: string; extensions: readonly string[] }[]): string {
  return formats.flatMap((format) => [format.mimeType, ...format.extensions]).join(',');
}

/**
 * How people sign in. "Sign In with GitHub" needs an OAuth client (Sveltia CMS Authenticator or any
 * Decap-compatible one) at `base_url`; without one, Sveltia sends people to Netlify's, which knows
 * nothing of this site, so the button is only offered once herald.yaml names a client. A personal
 * access token always works.
 */
function signIn(authBaseUrl: string | undefined): Pick<CmsConfig['backend'], 'base_url' | 'auth_methods'> {
  return authBaseUrl ? { base_url: authBaseUrl, auth_methods: ['oauth', 'token'] } : { auth_methods: ['token'] };
}

type Overrides = Record<string, (field: CmsField) => CmsField>;

function fieldsOf(schema: JsonSchema, prefix: string, leftOut: LeftOut[], overrides: Overrides): CmsField[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, property]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    const required = schema.required?.includes(name) === true && property.default === undefined;
    const field = fieldOf(name, property, required, path, leftOut, overrides);
    if (!field) return [];
    const override = overrides[path];
    return [override ? override(field) : field];
  });
}

function fieldOf(
  name: string,
  schema: JsonSchema,
  required: boolean,
  path: string,
  leftOut: LeftOut[],
  overrides: Overrides,
): CmsField | undefined {
  const base = {
    name,
    label: labelOf(name),
    required,
    ...(schema.description && { hint: schema.description }),
    ...(hasDefault(schema.default) && { default: schema.default }),
  };
  const format = textFormatOf(schema);
  if (schema.enum) return { ...base, widget: 'select', options: schema.enum.map(String) };
  if (format === 'date')
    return { ...base, widget: 'datetime', format: 'YYYY-MM-DD', time_format: false, picker_utc: false };
  if (format === 'local-date-time' || format === 'date-or-date-time')
    return { ...base, widget: 'datetime', format: 'YYYY-MM-DD HH:mm', picker_utc: false };
  switch (schema.type) {
    case 'string':
      return {
        ...base,
        widget: 'string',
        ...(schema.pattern && {
          pattern: [
            schema.pattern,
            `Write it as the hint says${schema.examples?.length ? `, e.g. ${String(schema.examples[0])}` : ''}.`,
          ],
        }),
      };
    case 'boolean':
      return { ...base, widget: 'boolean' };
    case 'integer':
    case 'number':
      return {
        ...base,
        widget: 'number',
        value_type: schema.type === 'integer' ? 'int' : 'float',
        ...(schema.minimum !== undefined && { min: schema.minimum }),
        ...(schema.maximum !== undefined && { max: schema.maximum }),
      };
    case 'array': {
      const items = schema.items ?? {};
      const min = schema.minItems ? { min: schema.minItems } : {};
      if (items.enum) return { ...base, ...min, widget: 'select', multiple: true, options: items.enum.map(String) };
      if (items.type === 'string') return { ...base, ...min, widget: 'list' };
      if (items.type === 'object' && items.properties)
        return { ...base, ...min, widget: 'list', fields: fieldsOf(items, path, leftOut, overrides) };
      break;
    }
    case 'object': {
      if (schema.properties) return { ...base, widget: 'object', fields: fieldsOf(schema, path, leftOut, overrides) };
      const values = schema.additionalProperties;
      if (typeof values === 'object' && values.type === 'string') return { ...base, widget: 'keyvalue' };
      break;
    }
  }
  leftOut.push({ path, reason: 'no CMS field holds this shape; edit it in the file' });
  return undefined;
}

/** "publishAt" → "Publish at", "maxHashtags" → "Max hashtags". */
function labelOf(name: string): string {
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Empty lists and maps are the absence of a value, not a default worth showing. */
function hasDefault(value: unknown): boolean {
  if (value === undefined) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length > 0;
  return true;
}
