import type { Channel } from '../../schemas/config.ts';
import { byDate, type Placed } from './calendar.ts';
import { channelsOf, plural } from '../rules/context.ts';
import { stateSymbols, type ChannelStatus } from '../publishing/status.ts';

/**
 * `herald calendar`: the plan for a period as text for people and JSON for scripts (the iCalendar
 * form is feeds.ts's). Every publication is listed, each repetition of an evergreen post too, with
 * its status on each channel, the same as the site shows.
 */

export interface CalendarReportContext {
  organization: string;
  zone: string;
  from: string;
  to: string;
  paused: boolean;
  channels: Record<string, Channel>;
  /** Only this channel's statuses, when the plan is for one channel. */
  channel?: string;
  status(post: Placed['post'], channel: string, at: string): ChannelStatus;
  /** Why a local date is quiet (herald.yaml's quiet periods), if it is. */
  quiet(date: string): string | undefined;
}

export interface CalendarJson {
  organization: string;
  timezone: string;
  from: string;
  to: string;
  paused: boolean;
  publications: {
    id: string;
    title: string;
    file: string;
    /** This publication's instant, UTC ISO 8601. */
    publishAt: string;
    /** The same in herald.yaml's zone, YYYY-MM-DD HH:MM. */
    local: string;
    /** Whether this is a later repetition of an evergreen post. */
    repetition: boolean;
    kind: string;
    campaign?: string;
    labels: string[];
    channels: ({ channel: string; network: string } & ChannelStatus)[];
  }[];
}

/** The channels of the publication that the report is about. */
function reported(entry: Placed, context: CalendarReportContext): Channel[] {
  return channelsOf(entry.post, context.channels).filter(({ id }) => !context.channel || id === context.channel);
}

export function calendarJson(entries: readonly Placed[], context: CalendarReportContext): CalendarJson {
  return {
    organization: context.organization,
    timezone: context.zone,
    from: context.from,
    to: context.to,
    paused: context.paused,
    publications: entries.map((entry) => ({
      id: entry.post.id,
      title: entry.post.title,
      file: entry.post.file,
      publishAt: entry.at,
      local: `${entry.date} ${entry.time}`,
      repetition: entry.repetition,
      kind: entry.post.kind,
      ...(entry.post.campaign && { campaign: entry.post.campaign }),
      labels: entry.post.labels,
      channels: reported(entry, context).map(({ id, network }) => ({
        channel: id,
        network,
        ...context.status(entry.post, id, entry.at),
      })),
    })),
  };
}

/** A day heading: "Thu 2026-12-03", with the weekday of the date itself, not of any zone. */
function dayHeading(date: string): string {
  const weekday = new Intl.DateTimeFormat('en', { weekday: 'short', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );
  return `${weekday} ${date}`;
}

function statusText(id: string, status: ChannelStatus): string {
  const details = [status.url, status.message && `(${status.message})`].filter(Boolean).join(' ');
  return `${stateSymbols[status.state]} ${id} ${status.state}${details ? ` ${details}` : ''}`;
}

export function calendarText(entries: readonly Placed[], context: CalendarReportContext): string {
  const scope = context.channel ? ` on ${context.channel}` : '';
  const lines = [`${context.organization}: ${context.from} to ${context.to}${scope}, times in ${context.zone}`];
  if (context.paused) lines.push('Publishing is paused: nothing is sent until it is resumed.');
  const days = byDate(entries);
  for (const [date, onDay] of days) {
    const quiet = context.quiet(date);
    lines.push('', `${dayHeading(date)}${quiet ? `  (quiet period: ${quiet})` : ''}`);
    for (const entry of onDay) {
      const repeat = entry.repetition ? ' ↻' : '';
      lines.push(`  ${entry.time}  ${entry.post.title}${repeat}  [${entry.post.id}]`);
      lines.push(
        `         ${reported(entry, context)
          .map(({ id }) => statusText(id, context.status(entry.post, id, entry.at)))
          .join('  ·  ')}`,
      );
    }
  }
  lines.push(
    '',
    entries.length === 0
      ? 'Nothing is planned in this period.'
      : `${plural(entries.length, 'publication')} on ${plural(days.size, 'day')}.`,
  );
  return `${lines.join('\n')}\n`;
}
