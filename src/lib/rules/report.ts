import { Temporal } from 'temporal-polyfill';
import type { Channel } from '../../schemas/config.ts';
import { costOf, type Cost } from '../networks/costs.ts';
import { fits } from '../text/count.ts';
import type { Post, Project } from '../project/model.ts';
import { payloadFor, type Payload } from '../text/payload.ts';
import { previews, type ChannelPreview } from '../text/posts.ts';
import type { Problem } from '../project/problems.ts';
import { lint, reportedFiles, type LintOptions } from './index.ts';

/** What `herald validate` found, in the shape `--format json` prints. */
export interface ValidationReport {
  ok: boolean;
  errors: Problem[];
  warnings: Problem[];
  posts: {
    id: string;
    file: string;
    title: string;
    publishAt: string;
    timezone: string;
    channels: ChannelReport[];
    /** The images, sent with the first part, and what their alt text says. */
    /** `captions`: a video's WebVTT file, relative to the project root. */
    media: { file: string; alt: string; credit?: string; captions?: string }[];
  }[];
}

/**
 * A channel's counted parts, with everything else the network receives beside the text and images
 * (see Payload: language, labels, card, poll, who may reply and quote...), and what it costs where the
 * network charges.
 */
export type ChannelReport = ChannelPreview & Omit<Payload, 'parts' | 'media'> & { cost?: Cost };

/**
 * What `herald validate` reports about a loaded project: every finding, and the posts of the files
 * reported on (all, or those `options.files` brings in), with how many files that is.
 */
export function validationReport(
  project: Project,
  options: LintOptions,
): { report: ValidationReport; checkedFiles: number } {
  const problems = lint(project, options);
  const only = reportedFiles(project, options.files);
  const report = buildReport(
    problems,
    only ? project.posts.filter((post) => only.has(post.file)) : project.posts,
    project.channels,
  );
  const checkedFiles = only ? [...only].filter((path) => project.files.includes(path)).length : project.files.length;
  return { report, checkedFiles };
}

export function buildReport(problems: Problem[], posts: Post[], channels: Record<string, Channel>): ValidationReport {
  const errors = problems.filter((p) => p.severity === 'error');
  return {
    ok: errors.length === 0,
    errors,
    warnings: problems.filter((p) => p.severity === 'warning'),
    posts: posts.map((post) => ({
      id: post.id,
      file: post.file,
      title: post.title,
      publishAt: post.publishAt,
      timezone: post.timezone,
      channels: previews(post, channels).map((preview) => withSettings(preview, post, channels)),
      media: post.media.map((m) => ({
        file: m.file,
        alt: m.alt,
        ...(m.credit ? { credit: m.credit } : {}),
        ...(m.captionsFile ? { captions: m.captionsFile } : {}),
      })),
    })),
  };
}

function withSettings(preview: ChannelPreview, post: Post, channels: Record<string, Channel>): ChannelReport {
  const channel = channels[preview.channel];
  if (!channel) return preview;
  const payload = payloadFor(post, channel);
  // The text and images are in the preview (counted) and the post's media already.
  const { parts: _parts, media: _media, ...settings } = payload;
  const cost = costOf(payload, channel.network);
  return { ...preview, ...settings, ...(cost && { cost }) };
}

/**
 * The report as one JSON object, with each finding and each post on a line of its own: as easy to
 * read and to diff as indented JSON, and several times faster to write, since JSON.stringify takes
 * its fast path only without indentation (a report on 10,000 posts is megabytes).
 */
export function formatJson(report: ValidationReport): string {
  const value = (item: unknown) =>
    Array.isArray(item)
      ? item.length === 0
        ? '[]'
        : `[\n${item.map((entry) => `    ${JSON.stringify(entry)}`).join(',\n')}\n  ]`
      : JSON.stringify(item);
  return `{\n${Object.entries(report)
    .map(([key, item]) => `  ${JSON.stringify(key)}: ${value(item)}`)
    .join(',\n')}\n}`;
}

/** One line per problem, `file:line:column  severity  rule  message`, then a count. */
export function formatHuman(report: ValidationReport, checkedFiles: number): string {
  const lines = [...report.errors, ...report.warnings]
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column)
    .map(
      (p) =>
        `${p.file}:${p.line}:${p.column}  ${p.severity === 'error' ? 'error  ' : 'warning'}  ${p.rule}  ${p.message}`,
    );
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const summary = `${report.ok ? '✔' : '✖'} ${count(checkedFiles, 'file')} checked, ${count(report.posts.length, 'post')}: ${count(report.errors.length, 'error')}, ${count(report.warnings.length, 'warning')}.`;
  return [...lines, ...(lines.length ? [''] : []), summary].join('\n');
}

/** GitHub Actions workflow commands: one annotation per problem, shown on the pull request's files. */
export function formatGithubAnnotations(report: ValidationReport): string {
  return [...report.errors, ...report.warnings]
    .map((p) => {
      const properties = [`file=${p.file}`, `line=${p.line}`, `col=${p.column}`, `title=${p.rule}`]
        .map(escapeProperty)
        .join(',');
      return `::${p.severity === 'error' ? 'error' : 'warning'} ${properties}::${escapeData(p.message)}`;
    })
    .join('\n');
}

function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(pair: string): string {
  const at = pair.indexOf('=');
  return (
    pair.slice(0, at + 1) +
    escapeData(pair.slice(at + 1))
      .replaceAll(':', '%3A')
      .replaceAll(',', '%2C')
  );
}

/** GitHub refuses a step summary over 1 MiB; stop adding posts well before it. */
export const summaryBudget = 900 * 1024;

/**
 * The step summary: each checked post as each network will receive it (exact text, count against the
 * limit, thread parts, images with their alt text) with its findings, then the findings in other files.
 */
export function formatMarkdownSummary(report: ValidationReport, budget = summaryBudget): string {
  const problems = [...report.errors, ...report.warnings];
  const head = [`## Herald: ${report.ok ? 'all checks passed' : `${report.errors.length} error(s)`}`, ''];
  const sections: string[] = [];
  let size = bytes(head.join('\n'));
  let shown = 0;
  for (const post of report.posts) {
    const section = postSection(
      post,
      problems.filter((p) => p.file === post.file),
    );
    size += bytes(section) + 1;
    if (size > budget) break;
    sections.push(section);
    shown++;
  }
  const left = report.posts.length - shown;
  if (left > 0)
    sections.push(
      `_${left} more post${left === 1 ? ' is' : 's are'} not shown: the summary would be too long for GitHub. Run \`npx herald validate\` to see everything._\n`,
    );

  const shownFiles = new Set(report.posts.slice(0, shown).map((p) => p.file));
  const others = problems.filter((p) => !shownFiles.has(p.file));
  if (others.length > 0) {
    const rows = ['### Findings in other files', '', '| File | Line | Rule | Message |', '| --- | --- | --- | --- |'];
    for (const p of others) {
      const row = `| ${p.file} | ${p.line} | ${p.severity === 'error' ? '❌' : '⚠️'} ${p.rule} | ${cell(p.message)} |`;
      size += bytes(row) + 1;
      if (size > budget) {
        rows.push(`| … | | | ${others.length - (rows.length - 4)} more: run \`npx herald validate\` |`);
        break;
      }
      rows.push(row);
    }
    sections.push(rows.join('\n') + '\n');
  }
  return [...head, ...sections].join('\n');
}

function postSection(post: ValidationReport['posts'][number], findings: Problem[]): string {
  const local = Temporal.Instant.from(post.publishAt).toZonedDateTimeISO(post.timezone);
  const when = `${local.toPlainDate().toString()} ${local.toPlainTime().toString({ smallestUnit: 'minute' })} ${post.timezone} (${post.publishAt})`;
  const out = [`### ${escapeMarkdown(post.title)}`, '', `\`${post.file}\` · ${when}`, ''];
  for (const p of findings)
    out.push(`- ${p.severity === 'error' ? '❌' : '⚠️'} line ${p.line}, ${p.rule}: ${cell(p.message)}`);
  if (findings.length > 0) out.push('');
  if (post.media.length > 0) {
    out.push(`**Images** (sent with the first part)`, '');
    for (const m of post.media) {
      const credit = m.credit ? ` · ${escapeMarkdown(m.credit)}` : '';
      out.push(`- \`${m.file}\`${credit}  `, `  alt text (${[...m.alt].length} characters): ${escapeMarkdown(m.alt)}`);
    }
    out.push('');
  }
  for (const channel of post.channels) {
    out.push(`**${channel.channel}** (${channel.network})`, '');
    channel.parts.forEach((part, i) => {
      const limit = part.limit === undefined ? '' : ` / ${part.limit}`;
      const utf8 = part.bytes ? `, ${part.bytes.length} / ${part.bytes.limit} bytes` : '';
      const over = fits(part) ? '' : ' ⚠️ too long';
      const label = channel.parts.length > 1 ? `Part ${i + 1} of ${channel.parts.length}, ` : '';
      out.push(
        `${label}${part.length}${limit}${utf8}${over}`,
        '',
        '```text',
        part.text.replaceAll('```', '`\u200b``'),
        '```',
        '',
      );
    });
  }
  return out.join('\n');
}

const bytes = (text: string) => new TextEncoder().encode(text).length;

function cell(text: string): string {
  return escapeMarkdown(text).replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);
}
