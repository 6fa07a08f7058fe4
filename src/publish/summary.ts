import { showHidden } from '../lib/rules/hidden-characters.ts';
import { measure } from '../lib/text/count.ts';
import { costOf } from '../lib/networks/costs.ts';
import { networkProfiles, postsFor } from '../lib/networks/profiles.ts';
import { isVideoName } from '../lib/networks/video-formats.ts';
import { secondsInWords } from '../lib/time/time.ts';
import type { Channel } from '../schemas/config.ts';
import { failingOutcomes, type Outcome, type OutcomeKind, type RunReport } from './run.ts';

/** How `herald publish` tells what it did: a table for the terminal, Markdown for the Actions summary. */

const labels: Record<OutcomeKind, string> = {
  published: '✔ published',
  retracted: '⌫ retracted',
  failed: '✖ failed',
  missed: '✖ missed',
  unknown: '? unknown',
  expired: '– expired',
  held: '⏸ held',
  busy: '… busy',
  renamed: '↪ renamed',
  'handed-off': '◷ handed off',
  'taken-back': '↩ taken back',
  'would-send': '→ would send',
  'would-retract': '→ would retract',
  'would-resume': '→ would resume',
  'would-hold': '⏸ would hold',
  'would-fail': '✖ would fail',
};

function details(outcome: Outcome): string {
  return [outcome.links.join(' '), outcome.message ?? ''].filter(Boolean).join(' — ');
}

export function formatTable(report: RunReport): string {
  const head = report.dryRun
    ? `Dry run at ${report.now}: nothing was sent and the ledger was not written.`
    : `Publish run at ${report.now}.`;
  const lines = [head, ...report.notes];
  if (report.paused)
    lines.push(
      'Publishing is paused (publishing.paused in herald.yaml or HERALD_PAUSED=1): nothing is sent; retractions still go.',
    );
  if (report.outcomes.length === 0) {
    lines.push(report.paused ? 'Nothing to take down.' : 'Nothing is due.');
    return lines.join('\n');
  }
  const rows = report.outcomes.map((o) => [
    o.post + (o.occurrence ? ` @ ${o.occurrence}` : ''),
    o.channel,
    labels[o.kind],
    details(o),
  ]);
  const header = ['Post', 'Channel', 'Result', 'Details'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  lines.push(
    '',
    line(header),
    line(widths.map((w, i) => (i === widths.length - 1 ? '-'.repeat(Math.min(w, 40)) : '-'.repeat(w)))),
    ...rows.map(line),
    '',
    counts(report.outcomes),
  );
  return lines.join('\n');
}

function counts(outcomes: Outcome[]): string {
  const byKind = Map.groupBy(outcomes, (o) => o.kind);
  const parts = [...byKind].map(([kind, items]) => `${items.length} ${kind}`);
  const bad = outcomes.filter((o) => failingOutcomes.has(o.kind)).length;
  return `${parts.join(', ')}.${bad > 0 ? ` ${bad} need attention.` : ''}`;
}

export function formatMarkdown(report: RunReport): string {
  const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const out = [`## Herald publish ${report.dryRun ? '(dry run) ' : ''}at ${report.now}`, ''];
  for (const note of report.notes) out.push(`> ${note}`, '');
  if (report.paused) out.push('**Publishing is paused.**', '');
  if (report.outcomes.length === 0) return [...out, 'Nothing is due.', ''].join('\n');
  out.push('| Post | Channel | Result | Details |', '| --- | --- | --- | --- |');
  for (const o of report.outcomes)
    out.push(`| ${cell(o.post)} | ${cell(o.channel)} | ${labels[o.kind]} | ${cell(details(o))} |`);
  return [...out, '', counts(report.outcomes), ''].join('\n');
}

/** The dry run's detail: exactly what each network would receive, part by part, with the images. */
export function formatPayloads(report: RunReport, channels: Record<string, Channel>): string {
  const out: string[] = [];
  for (const o of report.outcomes) {
    if (!o.payload) continue;
    const channel = channels[o.channel];
    out.push(
      `${o.post} → ${o.channel} (${o.network}), due ${o.scheduledAt}${o.kind === 'would-resume' ? ' (resuming an interrupted send)' : ''}: ${labels[o.kind]}`,
    );
    const cost = costOf(o.payload, o.network);
    const settings = [
      o.payload.visibility ? `visibility: ${o.payload.visibility}` : '',
      o.payload.contentWarning ? `content warning: ${o.payload.contentWarning}` : '',
      o.payload.language ? `language: ${o.payload.language}` : '',
      o.payload.contentLabels ? `labels: ${o.payload.contentLabels.join(', ')}` : '',
      o.payload.sensitive ? 'media marked sensitive' : '',
      o.payload.replies ? `replies: ${o.payload.replies}` : '',
      o.payload.quotes ? `quotes: ${o.payload.quotes}` : '',
      cost
        ? `costs ${cost.currency} ${cost.amount.toFixed(3)} (${networkProfiles[o.network].label}'s prices of ${networkProfiles[o.network].costs?.checked})`
        : '',
    ].filter(Boolean);
    if (settings.length) out.push(`  ${settings.join(' · ')}`);
    const card = o.payload.card;
    if (card)
      out.push(
        card.title === undefined
          ? `  link card: read from ${card.url} when publishing`
          : `  link card: ${card.title} (${card.url})${card.description ? ` — ${card.description}` : ''}${card.image ? `, picture ${card.image}` : ''}`,
      );
    if (o.payload.repost) out.push(`  reposts: ${o.payload.repost}`);
    // As the network receives them: one post where it takes no threads; counted as the rules count.
    const posts = postsFor(o.network, o.payload.parts);
    posts.forEach((text, i) => {
      const m = measure(text, o.network, channel, { contentWarning: o.payload!.contentWarning });
      out.push(
        `  part ${i + 1}/${posts.length} (${m.length}${m.limit ? `/${m.limit}` : ''}):`,
        ...text.split('\n').map((line) => `    ${line}`),
      );
      if (i === 0)
        o.payload!.media.forEach((item, n) => {
          out.push(`  ${isVideoName(item.file) ? 'video' : 'image'}: ${item.file}`, `    alt: ${item.alt}`);
          if (item.captions) out.push(`    captions: ${item.captions.file} (${item.captions.lang})`);
          const where = o.publicMedia?.[n];
          // A network that fetches media itself (Threads) gets an address, not the file.
          if (where) out.push('url' in where ? `    fetched from: ${where.url}` : `    refused: ${where.refused}`);
        });
      if (i === 0 && o.payload!.quote) out.push(`  quoting: ${o.payload!.quote}`);
      const poll = o.payload!.poll;
      if (i === 0 && poll)
        out.push(
          `  poll (open ${secondsInWords(poll.seconds)}${poll.multiple ? ', more than one choice' : ''}):`,
          ...poll.options.map((option) => `    - ${option}`),
        );
    });
    out.push('');
  }
  // Control characters would act on the terminal instead of showing (see text/hidden-character).
  return showHidden(out.join('\n'));
}
