import type { Channel } from '../schemas/config.ts';
import type { Post } from './model.ts';
import { previews, type ChannelPreview } from './posts.ts';
import type { Problem } from './problems.ts';

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
    channels: ChannelPreview[];
  }[];
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
      channels: previews(post, channels),
    })),
  };
}

export function formatJson(report: ValidationReport): string {
  return JSON.stringify(report, null, 2);
}

/** One line per problem, `file:line:column  severity  rule  message`, then a count. */
export function formatHuman(report: ValidationReport, checkedFiles: number): string {
  const lines = [...report.errors, ...report.warnings]
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column)
    .map((p) => `${p.file}:${p.line}:${p.column}  ${p.severity === 'error' ? 'error  ' : 'warning'}  ${p.rule}  ${p.message}`);
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const summary = `${report.ok ? '✔' : '✖'} ${count(checkedFiles, 'file')} checked, ${count(report.posts.length, 'post')}: ${count(report.errors.length, 'error')}, ${count(report.warnings.length, 'warning')}.`;
  return [...lines, ...(lines.length ? [''] : []), summary].join('\n');
}

/** GitHub Actions workflow commands: one annotation per problem, shown on the pull request's files. */
export function formatGithubAnnotations(report: ValidationReport): string {
  return [...report.errors, ...report.warnings]
    .map((p) => {
      const properties = [`file=${p.file}`, `line=${p.line}`, `col=${p.column}`, `title=${p.rule}`].map(escapeProperty).join(',');
      return `::${p.severity === 'error' ? 'error' : 'warning'} ${properties}::${escapeData(p.message)}`;
    })
    .join('\n');
}

function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(pair: string): string {
  const at = pair.indexOf('=');
  return pair.slice(0, at + 1) + escapeData(pair.slice(at + 1)).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** The step summary: each checked post as each network will receive it, then the findings. */
export function formatMarkdownSummary(report: ValidationReport): string {
  const out: string[] = [`## Herald: ${report.ok ? 'all checks passed' : `${report.errors.length} error(s)`}`, ''];
  for (const post of report.posts) {
    out.push(`### ${escapeMarkdown(post.title)}`, '', `\`${post.file}\` · ${post.publishAt} (${post.timezone})`, '');
    for (const channel of post.channels) {
      out.push(`**${channel.channel}** (${channel.network})`, '');
      channel.parts.forEach((part, i) => {
        const limit = part.limit === undefined ? '' : ` / ${part.limit}`;
        const over = part.limit !== undefined && part.length > part.limit ? ' ⚠️ too long' : '';
        const label = channel.parts.length > 1 ? `Part ${i + 1}, ` : '';
        out.push(`${label}${part.length}${limit}${over}`, '', '```text', part.text.replaceAll('```', '`\u200b``'), '```', '');
      });
    }
  }
  const problems = [...report.errors, ...report.warnings];
  if (problems.length > 0) {
    out.push('### Findings', '', '| File | Line | Rule | Message |', '| --- | --- | --- | --- |');
    for (const p of problems) {
      out.push(`| ${p.file} | ${p.line} | ${p.severity === 'error' ? '❌' : '⚠️'} ${p.rule} | ${escapeMarkdown(p.message).replaceAll('|', '\\|')} |`);
    }
  }
  return out.join('\n') + '\n';
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);
}
