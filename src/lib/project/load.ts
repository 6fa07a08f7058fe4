import GithubSlugger from 'github-slugger';
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import { toString } from 'mdast-util-to-string';
import { mdxjs } from 'micromark-extension-mdxjs';
import { Temporal } from 'temporal-polyfill';
import { visit } from 'unist-util-visit';
import type { z } from 'zod';
import { isTranslated, translatedLanguages } from '../../i18n/index.ts';
import { reservedNames, slug } from '../../schemas/common.ts';
import { configSchema, networkNames, type Channel, type HeraldConfig } from '../../schemas/config.ts';
import { handbookSchema } from '../../schemas/handbook.ts';
import { postSchema } from '../../schemas/post.ts';
import { codeProblems } from '../views/handbook-code.ts';
import { dictionary } from './dictionary.ts';
import { idFromTitle, uniqueId } from './ids.ts';
import type {
  BrokenPost,
  FrontmatterSource,
  HandbookPage,
  PageLink,
  Post,
  PostMedia,
  Project,
  Schedule,
} from './model.ts';
import { locate, rememberLocator } from './locate.ts';
import { byLocation, fileStart, problem, type Position, type Problem } from './problems.ts';
import { resolveRelative } from './relative-path.ts';
import { checkRuleSettings } from '../rules/registry.ts';
import { checkAgainst, displayPath, suggest } from './schema-issues.ts';
import { decodeText, splitFrontmatter, type SourceFile } from './source.ts';
import { checkLanguage } from '../text/language.ts';
import { renderText } from '../text/text.ts';
import { canonicalTimeZone, toInstant, unknownZoneMessage } from '../time/time.ts';
import { parseYaml, swallowedHashtags, type YamlLocator, type YamlPath, type YamlSource } from './yaml.ts';

/** Where each kind of file lives, relative to the project root. */
export const contentPaths = {
  config: 'content/herald.yaml',
  posts: 'content/posts/',
  handbook: 'content/handbook/',
} as const;

const textExtension = /\.mdx?$/;

/**
 * The one loader: turns the content files into a Project and reports every problem in every file at
 * once. It never throws on bad input; a file that cannot be used is left out of the result and named
 * in `problems`.
 */
export function parseProject(files: readonly SourceFile[], options: { now: number }): Project {
  const problems: Problem[] = [];
  const configFile = files.find((f) => f.path === contentPaths.config);
  const parsedConfig = configFile ? parseConfigOnce(configFile, problems) : undefined;
  const config = parsedConfig?.config;
  if (!configFile) {
    problems.push(
      problem(
        contentPaths.config,
        fileStart,
        'config/missing',
        'There is no content/herald.yaml. Create it with at least organization, timezone, repository and channels (see the README).',
      ),
    );
  }
  const channels = dictionary((config?.channels ?? []).map((c) => [c.id, c]));

  const postFiles = files.filter((f) => f.path.startsWith(contentPaths.posts) && textExtension.test(f.path));
  const parsed = postFiles.map((file) => parsePost(file, config, channels, problems));
  const posts = parsed.flatMap((result) => ('post' in result ? [result.post] : []));
  const duplicates = checkUniqueIds(posts, problems);
  const broken = brokenPosts(
    [...parsed.flatMap((result) => ('broken' in result ? [result.broken] : [])), ...duplicates.map(whatIsReadable)],
    posts,
  );

  const handbookFiles = files.filter((f) => f.path.startsWith(contentPaths.handbook) && textExtension.test(f.path));
  const today = Temporal.Instant.fromEpochMilliseconds(options.now)
    .toZonedDateTimeISO(canonicalTimeZone(config?.timezone ?? 'UTC') ?? 'UTC')
    .toPlainDate()
    .toString();
  const handbook = handbookFiles.flatMap((file) => parseHandbookPage(file, today, problems) ?? []);
  const styleGuides = handbook.filter((page) => page.houseRules);
  for (const page of styleGuides.slice(1)) {
    problems.push(
      problem(
        page.file,
        locate(page.frontmatter, ['houseRules']),
        'handbook/duplicate-house-rules',
        `House rules are already set in ${styleGuides[0]!.file}. Keep them on one page only.`,
      ),
    );
  }

  posts.sort(byPublishingOrder);
  handbook.sort((a, b) => (a.order ?? 1000) - (b.order ?? 1000) || a.title.localeCompare(b.title));
  return {
    config,
    configSource: parsedConfig?.source,
    channels,
    posts,
    broken,
    handbook,
    houseRules: styleGuides[0]?.houseRules,
    files: [configFile, ...postFiles, ...handbookFiles].flatMap((f) => (f ? [f.path] : [])),
    media: Object.fromEntries(files.flatMap((f) => (f.media ? [[f.path, f.media]] : []))),
    problems: problems.sort(byLocation),
  };
}

/**
 * Whether a project can be acted on: herald.yaml was read and has no errors. Every command that acts
 * on the calendar (new, publish, approvals, calendar) and the site build ask this one question, so
 * each refuses the same herald.yaml with the same message; `herald validate` alone goes on and
 * reports everything. `consequence` says what the refusal means, e.g. "nothing is published".
 */
export function usableProject(
  project: Project,
  consequence: string,
): { ok: true; project: Schedule } | { ok: false; reason: string } {
  const errors = project.problems.filter((p) => p.file === contentPaths.config && p.severity === 'error');
  if (project.config && project.configSource && errors.length === 0) return { ok: true, project: project as Schedule };
  const list = errors.map((p) => `\n  ${p.file}:${p.line}:${p.column}  ${p.message}`).join('');
  const count = errors.length === 1 ? 'an error' : `${errors.length} errors`;
  return {
    ok: false,
    reason: `${contentPaths.config} has ${count}, so ${consequence}:${list}\nFix ${errors.length === 1 ? 'it' : 'them'} first; npx herald validate checks every file.`,
  };
}

/** What to say about a channel id herald.yaml does not have: the one most likely meant, and the list. */
export function unknownChannelMessage(id: string, ids: readonly string[]): string {
  const hint = suggest(id, ids);
  return `There is no channel "${id}" in herald.yaml.${hint ? ` Did you mean "${hint}"?` : ''} Channels: ${ids.join(', ')}.`;
}

/** The order of `Project.posts`: by time, then by id. */
export function byPublishingOrder(a: Post, b: Post): number {
  return a.publishAt.localeCompare(b.publishAt) || a.id.localeCompare(b.id);
}

function readYaml(file: SourceFile, problems: Problem[], frontmatter: boolean) {
  const text = decodeText(file);
  if (!text.ok) {
    // decodeText's advice is for posts and pages; herald.yaml has no front matter.
    const emptyConfig = !frontmatter && text.problem.rule === 'file/empty';
    return void problems.push(emptyConfig ? { ...text.problem, message: emptyConfigMessage } : text.problem);
  }
  if (!frontmatter) {
    const yaml = parseYaml(file.path, text.value);
    if (!yaml.ok) return void problems.push(...yaml.problems);
    reportProtoKeys(file.path, text.value, yaml.source, problems);
    const hashtagLines = reportHashtags(file.path, text.value, 1, yaml.source, problems);
    return {
      source: yaml.source,
      frontmatter: located({ text: text.value, line: 1 }, yaml.source),
      body: '',
      bodyLine: 1,
      hashtagLines,
    };
  }
  const split = splitFrontmatter(file.path, text.value);
  if (!split.ok) return void problems.push(split.problem);
  const yaml = parseYaml(file.path, split.value.yaml, split.value.yamlLine);
  if (!yaml.ok) return void problems.push(...yaml.problems);
  reportProtoKeys(file.path, split.value.yaml, yaml.source, problems);
  const hashtagLines = reportHashtags(file.path, split.value.yaml, split.value.yamlLine, yaml.source, problems);
  return {
    source: yaml.source,
    frontmatter: located({ text: split.value.yaml, line: split.value.yamlLine }, yaml.source),
    body: split.value.body,
    bodyLine: split.value.bodyLine,
    hashtagLines,
  };
}

/** The source text of settings, whose positions findings will ask the loader's locator for. */
function located(source: FrontmatterSource, locator: YamlLocator): FrontmatterSource {
  rememberLocator(source, locator);
  return source;
}

const emptyConfigMessage =
  "herald.yaml is empty. Write at least organization, timezone, repository and channels in it: the README's Configuration section shows a short one, docs/configuration.md every setting.";

/**
 * Reports each hashtag YAML read as a comment (see swallowedHashtags) and returns the lines they
 * are on: the value there is cut short or missing, and the schema's complaint about it ("should be
 * a text, not an empty value") would only hide the real reason.
 */
function reportHashtags(
  path: string,
  yaml: string,
  firstLine: number,
  locator: YamlLocator,
  problems: Problem[],
): Set<number> {
  const lines = new Set<number>();
  for (const { at, tag } of swallowedHashtags(yaml, firstLine, locator)) {
    problems.push(
      problem(
        path,
        at,
        'yaml/hashtag-comment',
        `${tag} and what follows it on this line are read as a YAML comment and dropped. Put the whole value in quotes ("...") or write it as a block with |.`,
      ),
    );
    lines.add(at.line);
  }
  return lines;
}

/** The schema's problems, but those on a line whose value a hashtag cut short (reported already). */
function besideHashtags(found: Problem[], hashtagLines: ReadonlySet<number>): Problem[] {
  return hashtagLines.size === 0 ? found : found.filter((p) => !hashtagLines.has(p.line));
}

/**
 * A setting named `__proto__` is silently dropped by the schema check (it would set an object's
 * prototype), so the author would never learn that it is ignored: each one is reported at its line.
 */
function reportProtoKeys(file: string, text: string, source: YamlSource, problems: Problem[]): void {
  if (!text.includes('__proto__')) return;
  const walk = (value: unknown, path: YamlPath): void => {
    if (typeof value !== 'object' || value === null) return;
    for (const [key, inner] of Object.entries(value)) {
      const here = [...path, Array.isArray(value) ? Number(key) : key];
      if (key === '__proto__')
        problems.push(
          problem(
            file,
            source.keyAt(here),
            'yaml/reserved-key',
            '"__proto__" cannot be a name here: every JavaScript object has it, and the setting would be lost. Rename it.',
          ),
        );
      else walk(inner, here);
    }
  };
  walk(source.data, []);
}

/**
 * herald.yaml parsed once per file read: the search for a free time (calendar/slots.ts) loads one new
 * post with the same herald.yaml hundreds of times in a site build. Files are never changed once read.
 */
const parsedConfigs = new WeakMap<SourceFile, { parsed: ReturnType<typeof parseConfig>; problems: Problem[] }>();

function parseConfigOnce(file: SourceFile, problems: Problem[]): ReturnType<typeof parseConfig> {
  let memo = parsedConfigs.get(file);
  if (!memo) {
    const found: Problem[] = [];
    memo = { parsed: parseConfig(file, found), problems: found };
    parsedConfigs.set(file, memo);
  }
  problems.push(...memo.problems);
  return memo.parsed;
}

function parseConfig(
  file: SourceFile,
  problems: Problem[],
): { config: HeraldConfig; source: FrontmatterSource } | undefined {
  const read = readYaml(file, problems, false);
  if (!read) return undefined;
  const { data, problems: found } = checkAgainst(configSchema, file.path, read.source);
  problems.push(...besideHashtags(found, read.hashtagLines));
  if (!data) return undefined;

  const at = (path: YamlPath) => read.source.valueAt(path);
  const timezone = canonicalTimeZone(data.timezone);
  if (!timezone)
    problems.push(problem(file.path, at(['timezone']), 'time/unknown-zone', unknownZoneMessage(data.timezone)));
  if (!isTranslated(data.locale)) {
    problems.push(
      problem(file.path, at(['locale']), 'config/interface-language', untranslated(data.locale), 'warning'),
    );
  }
  const seen = new Set<string>();
  data.channels.forEach((channel, i) => {
    if (seen.has(channel.id)) {
      problems.push(
        problem(
          file.path,
          at(['channels', i, 'id']),
          'config/duplicate-channel',
          `Two channels have the id "${channel.id}". Give each channel its own id.`,
        ),
      );
    }
    seen.add(channel.id);
  });
  const known = [...seen, ...networkNames];
  for (const key of Object.keys(data.approvals.channels)) {
    if (!known.includes(key)) {
      const hint = suggest(key, known);
      problems.push(
        problem(
          file.path,
          read.source.keyAt(['approvals', 'channels', key]),
          'config/unknown-channel',
          `approvals.channels names "${key}", which is neither a channel id nor a network.${hint ? ` Did you mean "${hint}"?` : ''}`,
        ),
      );
    }
  }
  data.calendar.quietPeriods.forEach((period, i) => {
    if (period.to < period.from) {
      problems.push(
        problem(
          file.path,
          at(['calendar', 'quietPeriods', i, 'to']),
          'config/quiet-period',
          `This quiet period ends (${period.to}) before it starts (${period.from}). Swap the dates.`,
        ),
      );
    }
  });
  problems.push(...checkRuleSettings(file.path, data.rules, (id) => read.source.keyAt(['rules', id])));
  // Without its zone no time of the calendar can be placed: the rest is reported, nothing is computed.
  if (!timezone) return undefined;
  return { config: { ...data, timezone }, source: read.frontmatter };
}

/** Why a locale whose language Herald's interface does not speak gives an English interface. */
function untranslated(locale: string): string {
  const english = new Intl.DisplayNames(['en'], { type: 'language' });
  const name = (tag: string) => `${english.of(tag) ?? tag} (${tag})`;
  const available = translatedLanguages.map(name).join(', ');
  return `Herald's interface is not translated into ${name(new Intl.Locale(locale).language)}: the site's menus and labels will be in English, its dates and times written as ${locale} writes them. Interface languages: ${available}. Write one of them, with your region if you like (such as en-GB), or turn this warning off with rules: { config/interface-language: off }.`;
}

/** A post the loader could use, or what could still be read of one it could not. */
type ParsedPost = { post: Post } | { broken: Readable };
type Readable = Omit<BrokenPost, 'id'> & { id?: string };

function parsePost(
  file: SourceFile,
  config: HeraldConfig | undefined,
  channels: Record<string, Channel>,
  problems: Problem[],
): ParsedPost {
  const before = problems.length;
  const read = readYaml(file, problems, true);
  if (!read) return { broken: { file: file.path, channels: [], labels: [] } };
  const { source } = read;
  const { data, problems: found } = checkAgainst(postSchema, file.path, source);
  problems.push(...besideHashtags(found, read.hashtagLines));
  // When some settings are wrong, the rest are still checked, so one run reports everything.
  const fields = data ?? salvage(postSchema.shape, source.data);
  const report = (path: YamlPath, rule: string, message: string, severity: 'error' | 'warning' = 'error') =>
    problems.push(problem(file.path, source.valueAt(path), rule, message, severity));

  const id = fields.id ?? file.path.split('/').at(-1)!.replace(textExtension, '');
  if (!fields.id && !slug.safeParse(id).success) {
    const reserved = reservedNames.has(id) ? ', and not a name every JavaScript object has' : '';
    problems.push(
      problem(
        file.path,
        fileStart,
        'post/id',
        `The file name "${id}" cannot be the post's id. Rename the file with lower-case letters, digits and hyphens${reserved}, or set id: in the front matter.`,
      ),
    );
  }

  const zoneSetting = fields.timezone ?? config?.timezone;
  const timezone = zoneSetting ? canonicalTimeZone(zoneSetting) : undefined;
  // An unknown default zone is reported once, on herald.yaml.
  if (fields.timezone && !timezone) {
    report(['timezone'], 'time/unknown-zone', unknownZoneMessage(fields.timezone));
  }
  const instant = (path: YamlPath, local: string | undefined): string | undefined => {
    if (local === undefined || !timezone) return undefined;
    const result = toInstant(local, timezone);
    if (result.ok) return result.instant;
    report(path, result.rule, `"${displayPath(path)}": ${result.message}`);
    return undefined;
  };
  const publishAt = instant(['publishAt'], fields.publishAt);
  const expiresAt = instant(['expiresAt'], fields.expiresAt);
  if (publishAt && expiresAt && expiresAt <= publishAt) {
    report(
      ['expiresAt'],
      'post/expires-before-publish',
      `The post expires (${fields.expiresAt}) before it is published (${fields.publishAt}). Move expiresAt later or remove it.`,
    );
  }

  const lang = fields.lang !== undefined ? checkLanguage(fields.lang) : undefined;
  if (lang && !lang.ok) report(['lang'], 'post/language', lang.message);

  const media: PostMedia[] = (fields.media ?? []).map((item, i) => {
    // The captions' language goes to Bluesky and X as a post's does, so it is judged the same way.
    const captionsLang = item.captionsLang !== undefined ? checkLanguage(item.captionsLang, 'captionsLang') : undefined;
    if (captionsLang && !captionsLang.ok) report(['media', i, 'captionsLang'], 'post/language', captionsLang.message);
    return {
      ...item,
      file: resolveRelative(file.path, item.src),
      ...(item.captions && {
        captionsFile: resolveRelative(file.path, item.captions),
        captionsLang: (captionsLang?.ok ? captionsLang.tag : undefined) ?? config?.locale ?? 'en',
      }),
      expiresAt: instant(['media', i, 'expiresAt'], item.expiresAt),
    };
  });

  const postChannels = fields.channels ?? [];
  const variants = fields.variants ?? {};
  if (config) {
    postChannels.forEach((channelId, i) => {
      if (!channels[channelId])
        report(['channels', i], 'post/unknown-channel', unknownChannelMessage(channelId, Object.keys(channels)));
    });
    const targets = new Set<string>([...postChannels, ...postChannels.flatMap((c) => channels[c]?.network ?? [])]);
    for (const key of Object.keys(variants)) {
      if (targets.has(key)) continue;
      const candidates = [...Object.keys(channels), ...networkNames];
      const hint = suggest(key, candidates);
      const known = candidates.includes(key);
      problems.push(
        problem(
          file.path,
          source.keyAt(['variants', key]),
          known ? 'post/unused-variant' : 'post/unknown-variant',
          known
            ? `The variant for "${key}" is never used: the post does not go to ${key}. Remove it or add the channel.`
            : `"${key}" in variants is neither a channel id nor a network.${hint ? ` Did you mean "${hint}"?` : ''}`,
          known ? 'warning' : 'error',
        ),
      );
    }
  }

  if (publishAt && fields.publishAt) {
    // The local date as written decides the folder: the author sees the same date in both places.
    const folder = `${contentPaths.posts}${fields.publishAt.slice(0, 4)}/${fields.publishAt.slice(5, 7)}/`;
    if (!file.path.startsWith(folder) || file.path.slice(folder.length).includes('/')) {
      problems.push(
        problem(
          file.path,
          source.valueAt(['publishAt']),
          'post/folder',
          `A post published on ${fields.publishAt.slice(0, 10)} belongs in ${folder}. Move the file there so the calendar folders stay in order.`,
          'warning',
        ),
      );
    }
  }

  const body = renderText(read.body);
  for (const item of body.dropped) {
    problems.push(
      problem(
        file.path,
        { line: read.bodyLine + item.line - 1, column: 1 },
        'body/not-sent',
        `This part is not sent: ${item.what}.`,
        'warning',
      ),
    );
  }
  // A repost has no text of its own (the rules refuse one that has: repost/with-content); one whose
  // link is wrong is told about its link, not that it lacks text.
  const written = (key: string) => Boolean(source.data && typeof source.data === 'object' && key in source.data);
  const reposts = written('repost');
  if (body.parts.length === 0 && Object.keys(variants).length === 0 && !reposts) {
    problems.push(
      problem(
        file.path,
        { line: read.bodyLine, column: 1 },
        'post/empty-body',
        'The post has no text. Write it below the front matter.',
      ),
    );
  }

  const hasErrors = problems.slice(before).some((p) => p.severity === 'error');
  if (!data || hasErrors || !publishAt || !timezone) {
    const { title, campaign } = fields;
    return {
      broken: {
        file: file.path,
        ...(fields.id && { id }),
        ...(title && { title }),
        ...(publishAt && { publishAt }),
        channels: postChannels,
        ...(campaign && { campaign }),
        labels: fields.labels ?? [],
      },
    };
  }
  // A post is in the organisation's language unless it says otherwise, in the canonical form the networks receive.
  const language = (lang?.ok ? lang.tag : undefined) ?? config?.locale;
  const post: Post = {
    ...data,
    // A repost shares someone else's post: the content mix counts it as a reshare unless told otherwise.
    ...(reposts && !written('kind') && { kind: 'reshare' as const }),
    ...(language && { language }),
    ...(data.card && {
      card: { ...data.card, ...(data.card.image && { file: resolveRelative(file.path, data.card.image) }) },
    }),
    id,
    file: file.path,
    timezone,
    publishAt,
    expiresAt,
    written: { publishAt: data.publishAt, expiresAt: data.expiresAt },
    media,
    body: read.body,
    bodyLine: read.bodyLine,
    parts: body.parts,
    partLines: body.lines.map((line) => read.bodyLine + line - 1),
    variantParts: dictionary(Object.entries(data.variants).map(([key, text]) => [key, renderText(text).parts])),
    frontmatter: read.frontmatter,
  };
  return { post };
}

function whatIsReadable(post: Post): Readable {
  const { file, id, title, publishAt, channels, campaign, labels } = post;
  return { file, id, title, publishAt, channels, ...(campaign && { campaign }), labels };
}

/**
 * The post files that could not be loaded, each with an id for its page on the site: the id it asks
 * for while no other post has it, else one made from its file name, numbered when that is taken too.
 */
function brokenPosts(readable: Readable[], posts: Post[]): BrokenPost[] {
  const taken = new Set(posts.map((post) => post.id));
  return readable
    .toSorted((a, b) => a.file.localeCompare(b.file))
    .map((post) => {
      const wanted =
        post.id !== undefined && !taken.has(post.id)
          ? post.id
          : idFromTitle(post.file.split('/').at(-1)!.replace(textExtension, ''));
      const id = uniqueId(wanted, taken);
      taken.add(id);
      return { ...post, id };
    });
}

/** The settings of an object that are valid on their own, from data that failed as a whole. */
function salvage<Shape extends Record<string, z.ZodType>>(
  shape: Shape,
  raw: unknown,
): Partial<{ [K in keyof Shape]: z.output<Shape[K]> }> {
  if (!raw || typeof raw !== 'object') return {};
  const fields: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(shape)) {
    const result = schema.safeParse((raw as Record<string, unknown>)[key]);
    if (result.success && result.data !== undefined) fields[key] = result.data;
  }
  return fields as Partial<{ [K in keyof Shape]: z.output<Shape[K]> }>;
}

/** Reports posts that share an id and takes them out of `posts`; returns those taken out. */
function checkUniqueIds(posts: Post[], problems: Problem[]): Post[] {
  const byId = Map.groupBy(posts, (post) => post.id);
  for (const [id, same] of byId) {
    if (same.length < 2) continue;
    for (const post of same) {
      const others = same
        .filter((p) => p !== post)
        .map((p) => p.file)
        .join(', ');
      problems.push(
        problem(
          post.file,
          /^id:/m.test(post.frontmatter.text) ? locate(post.frontmatter, ['id']) : fileStart,
          'post/duplicate-id',
          `Another post has the id "${id}" (${others}). Ids are never reused: rename one file or set a different id:.`,
        ),
      );
    }
  }
  const duplicated = new Set([...byId].filter(([, same]) => same.length > 1).map(([id]) => id));
  const kept = posts.filter((post) => !duplicated.has(post.id));
  const removed = posts.filter((post) => duplicated.has(post.id));
  posts.splice(0, posts.length, ...kept);
  return removed;
}

function parseHandbookPage(file: SourceFile, today: string, problems: Problem[]): HandbookPage | undefined {
  const read = readYaml(file, problems, true);
  if (!read) return undefined;
  const { data, problems: found } = checkAgainst(handbookSchema, file.path, read.source);
  problems.push(...besideHashtags(found, read.hashtagLines));
  const mdx = readMdx(file.path, read.body, read.bodyLine);
  if ('problems' in mdx) problems.push(...mdx.problems);
  if (!data || 'problems' in mdx) return undefined;

  const reviewDue = Temporal.PlainDate.from(data.lastReviewed).add(Temporal.Duration.from(data.reviewEvery)).toString();
  if (reviewDue < today) {
    problems.push(
      problem(
        file.path,
        read.source.valueAt(['lastReviewed']),
        'handbook/review-overdue',
        `This page was due for review on ${reviewDue} (last reviewed ${data.lastReviewed}, every ${data.reviewEvery}). ${data.owner}: read it, update it, and set lastReviewed to the day you did.`,
        'warning',
      ),
    );
  }
  return {
    ...data,
    slug: file.path.slice(contentPaths.handbook.length).replace(textExtension, ''),
    file: file.path,
    body: read.body,
    bodyLine: read.bodyLine,
    reviewDue,
    frontmatter: read.frontmatter,
    links: mdx.links,
    anchors: mdx.anchors,
  };
}

/**
 * Handbook pages are compiled as MDX by the site: a syntax error there would break the build, and
 * code in them would run in it (src/lib/views/handbook-code.ts). A page that compiles and runs nothing
 * yields its links and the ids the site gives its headings, for the link rule.
 */
function readMdx(
  file: string,
  body: string,
  bodyLine: number,
): { problems: Problem[] } | Pick<HandbookPage, 'links' | 'anchors'> {
  let tree: Root;
  try {
    tree = fromMarkdown(body, { extensions: [mdxjs()], mdastExtensions: [mdxFromMarkdown()] });
  } catch (error) {
    const place = error as { line?: number; column?: number; reason?: string };
    const at: Position = { line: bodyLine + (place.line ?? 1) - 1, column: place.column ?? 1 };
    // micromark's reason counts lines from the body, and this problem already points at the line.
    const reason = (place.reason ?? String(error)).replace(/ \(\d+:\d+(?:-\d+:\d+)?\)/g, '');
    return {
      problems: [
        problem(
          file,
          at,
          'body/mdx-syntax',
          `This page is not valid MDX: ${reason}. In MDX, write \\< and \\{ for a literal < or {, and close every tag (<br />).`,
        ),
      ],
    };
  }
  const code = codeProblems(tree, file, bodyLine);
  if (code.length > 0) return { problems: code };
  const links: PageLink[] = [];
  const anchors: string[] = [];
  // Astro's Markdown pipeline gives headings their ids with github-slugger, one slugger per page.
  const slugger = new GithubSlugger();
  visit(tree, (node) => {
    // The site slugs the heading's rendered text, which has no image alt text.
    if (node.type === 'heading') anchors.push(slugger.slug(toString(node, { includeImageAlt: false })));
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && node.position) {
      const { line, column } = node.position.start;
      links.push({ url: node.url, image: node.type === 'image', at: { line: bodyLine + line - 1, column } });
    }
  });
  return { links, anchors };
}
