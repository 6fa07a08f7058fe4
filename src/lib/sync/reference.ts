import { translatedLanguages } from '../../i18n/index.ts';
import { configSchema } from '../../schemas/config.ts';
import { handbookSchema } from '../../schemas/handbook.ts';
import { postSchema } from '../../schemas/post.ts';
import { jsonSchemaOf, textFormatOf, type JsonSchema, type TextFormat } from './json-schema.ts';

/**
 * The configuration reference (docs/configuration.md), written from the schemas' JSON Schema so the
 * documentation cannot drift from what the loader accepts.
 */

interface Row {
  path: string;
  type: string;
  required: boolean;
  default?: unknown;
  description: string;
}

const formatNames: Record<TextFormat, string> = {
  date: 'date',
  'local-date-time': 'local date and time',
  'date-or-date-time': 'date, or local date and time',
  duration: 'ISO 8601 duration',
};

function typeOf(schema: JsonSchema): string {
  if (schema.const !== undefined) return `\`${String(schema.const)}\``;
  if (schema.enum) return schema.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  if (schema.type === 'array') return `list of ${schema.items ? typeOf(schema.items) : 'values'}`;
  if (schema.type === 'object') return schema.properties ? 'settings' : 'map';
  if (schema.format === 'uri') return 'web address';
  const format = textFormatOf(schema);
  if (format) return formatNames[format];
  if (schema.type === 'integer') return 'whole number';
  if (schema.anyOf || schema.oneOf) return 'one of several shapes';
  return String(schema.type ?? 'value');
}

function rowsOf(schema: JsonSchema, prefix = ''): Row[] {
  const rows: Row[] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    const examples = property.examples?.length
      ? ` Example: \`${JSON.stringify(property.examples[0]).replace(/^"|"$/g, '')}\`.`
      : '';
    rows.push({
      path,
      type: typeOf(property),
      required: schema.required?.includes(name) === true && property.default === undefined,
      default: property.default,
      description: `${property.description ?? ''}${examples}`.trim(),
    });
    if (property.type === 'object' && property.properties) rows.push(...rowsOf(property, path));
    if (property.type === 'array' && property.items?.properties) rows.push(...rowsOf(property.items, `${path}[]`));
    const map = property.additionalProperties;
    if (property.type === 'object' && typeof map === 'object' && map.properties)
      rows.push(...rowsOf(map, `${path}.<key>`));
  }
  return rows;
}

function table(rows: Row[]): string {
  const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
  return [
    '| Setting | Type | Required | Default | Description |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| \`${r.path}\` | ${r.type} | ${r.required ? 'yes' : ''} | ${r.default === undefined ? '' : `\`${cell(JSON.stringify(r.default))}\``} | ${cell(r.description)} |`,
    ),
  ].join('\n');
}

/** What `locale` decides, with the interface languages as src/i18n has them. */
function localeSection(): string[] {
  const english = new Intl.DisplayNames(['en'], { type: 'language' });
  const languages = translatedLanguages.map((tag) => `${english.of(tag) ?? tag} (\`${tag}\`)`).join(', ');
  return [
    '### Locale and interface language',
    '',
    '`locale` is one BCP 47 tag that decides two things:',
    '',
    '- **How dates and times are written**, from the Unicode CLDR data of the whole tag, when the site is',
    '  built: the clock (`en-GB`, `pl`: 18:30; `en-US`: 6:30 PM), the names of months and days, and the',
    '  first day of the week in the calendar (`en-GB`, `pl`: Monday; `en-US`: Sunday; `fa`: Saturday).',
    '  `en` alone means American English. A Unicode extension changes one thing only, e.g.',
    '  `en-US-u-fw-mon` (weeks from Monday) or `en-US-u-hc-h23` (24-hour clock).',
    `- **The language of the interface** (menus, labels, statuses), by the tag's language: ${languages}. For`,
    '  another language the interface is English and `herald validate` warns (`config/interface-language`);',
    '  a translation is one file in `src/i18n/` (see docs/site.md).',
    '',
    'So a Warsaw organisation writing in English uses `en-GB`: English words, 24-hour times, weeks from',
    "Monday. A handbook page in another language sets `lang:` and is shown with that language's",
    'interface and direction.',
    '',
  ];
}

export function configurationReference(): string {
  const config = jsonSchemaOf(configSchema);
  const channelShapes = config.properties?.['channels']?.items?.oneOf ?? [];
  const { channels: _channels, ...otherSettings } = config.properties ?? {};
  const sections = [
    '# Configuration reference',
    '',
    'Generated from the zod schemas in `src/schemas/` by `npm run docs`; do not edit by hand.',
    '',
    '## content/herald.yaml',
    '',
    'The settings that decide where a post goes and who approves it (each entry of `channels`, `approvals`, `timezone`, `defaultBranch`) count for publishing only when they reached the default branch through approved pull requests: a change pushed straight to it holds the posts it concerns ([setup, step 10](setup.md#10-when-a-post-is-not-cleared)).',
    '',
    table(rowsOf({ ...config, properties: otherSettings })),
    '',
    ...localeSection(),
    '### Channels',
    '',
    '`channels` is a list; each entry has a `network` and the settings of that network.',
    '',
    ...channelShapes.flatMap((shape) => [
      `#### ${String(shape.properties?.['network']?.const)}`,
      '',
      table(rowsOf(shape)),
      '',
    ]),
    '## Posts: content/posts/YYYY/MM/<id>.mdx',
    '',
    'Front matter settings; the text follows the front matter.',
    '',
    table(rowsOf(jsonSchemaOf(postSchema))),
    '',
    '## Handbook pages: content/handbook/<slug>.mdx',
    '',
    table(rowsOf(jsonSchemaOf(handbookSchema))),
    '',
  ];
  return sections.join('\n');
}
