import { Temporal } from 'temporal-polyfill';
import { addDays, dateAt, placePosts, publicationsBetween, quietPeriodsOn } from '../../src/lib/calendar/calendar.ts';
import { calendarJson, calendarText, type CalendarReportContext } from '../../src/lib/calendar/calendar-report.ts';
import { calendarIcs } from '../../src/lib/calendar/feeds.ts';
import { parseProject, unknownChannelMessage } from '../../src/lib/project/load.ts';
import { pausedByValue } from '../../src/lib/publishing/pause.ts';
import { readContent } from '../../src/lib/project/read-content.ts';
import { siteBase } from '../../src/lib/views/routes.ts';
import { channelStatus, ledgerLookup } from '../../src/lib/publishing/status.ts';
import { formatOption, nowOption, parseOptions, projectRoot, readLedgerOrNothing, usable, UsageError } from '../cli.ts';

const usage = `Usage: herald calendar [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--channel ID] [--format text|ics|json]
                       [--ledger PATH|github] [--now ISO]

The plan for a period: every publication from --from to --to (both days included, in herald.yaml's
time zone), each repetition of an evergreen post too, with its status on each channel.

  --from     the first day (default: today)
  --to       the last day (default: four weeks from --from)
  --channel  only what goes to this channel
  --format   text (default), ics for calendar apps, json for scripts
  --ledger   where the publisher records what it sent: a JSON file (default .herald/ledger.json),
             or "github" (the default in Actions); when it cannot be read, past posts show as missed
  --now      judge "past" against this time instead of the clock

Exit code: 0 printed, 2 could not run.`;

const formats = ['text', 'ics', 'json'] as const;
/** The default period: four weeks, the first day included. */
const defaultDays = 27;

export async function calendar(args: string[]): Promise<number> {
  const { values } = parseOptions(
    args,
    {
      from: { type: 'string' },
      to: { type: 'string' },
      channel: { type: 'string' },
      format: { type: 'string', default: 'text' },
      ledger: { type: 'string' },
      now: { type: 'string' },
    },
    usage,
  );
  const format = formatOption(values.format, formats);
  const now = nowOption(values.now);
  const from = values.from === undefined ? undefined : date('--from', values.from);
  const to = values.to === undefined ? undefined : date('--to', values.to);

  const root = projectRoot();
  const project = usable(parseProject(await readContent(root), { now }), 'the calendar cannot be shown');
  const { config } = project;
  if (values.channel !== undefined && !project.channels[values.channel])
    throw new UsageError(`--channel: ${unknownChannelMessage(values.channel, Object.keys(project.channels))}`);
  const zone = config.timezone;
  const first = from ?? dateAt(now, zone);
  const last = to ?? addDays(first, defaultDays);
  if (last < first) {
    throw new UsageError(
      from === undefined
        ? `--to (${last}) is before today (${first}), where the plan starts without --from. Give --from as well.`
        : `--to (${last}) is before --from (${first}). Give the first day first.`,
    );
  }

  const broken = new Set(project.problems.filter((p) => p.severity === 'error').map((p) => p.file));
  if (broken.size > 0)
    console.error(
      `herald calendar: ${broken.size} file(s) have errors and are left out: ${[...broken].join(', ')}. Run herald validate.`,
    );

  const ledger = await readLedgerOrNothing('calendar', values.ledger, root, 'past posts show as missed');
  const statusContext = {
    now,
    window: config.publishing.window,
    paused: config.publishing.paused || pausedByValue(process.env['HERALD_PAUSED']),
    ledger: ledgerLookup(ledger),
  };
  const status = (post: Parameters<typeof channelStatus>[0], channel: string, at?: string) =>
    channelStatus(post, channel, statusContext, at);
  const filter = values.channel === undefined ? undefined : { kind: 'channel' as const, value: values.channel };
  const entries = publicationsBetween(placePosts(project.posts, zone), first, last, filter);

  if (format === 'ics') {
    const siteUrl = config.site && new URL(siteBase(config.site), config.site).toString();
    process.stdout.write(
      calendarIcs(
        entries,
        {
          organization: config.organization,
          repository: config.repository,
          locale: config.locale,
          timezone: zone,
          channels: project.channels,
          ...(siteUrl && { siteUrl }),
          now,
          status,
        },
        values.channel,
      ),
    );
    return 0;
  }
  const context: CalendarReportContext = {
    organization: config.organization,
    zone,
    from: first,
    to: last,
    paused: statusContext.paused,
    channels: project.channels,
    ...(values.channel !== undefined && { channel: values.channel }),
    status,
    quiet: (day) => quietPeriodsOn(config.calendar, day)[0]?.reason,
  };
  process.stdout.write(
    format === 'json' ? `${JSON.stringify(calendarJson(entries, context), null, 2)}\n` : calendarText(entries, context),
  );
  return 0;
}

/** A YYYY-MM-DD that exists, or a usage error saying how to write one. */
function date(option: string, text: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    try {
      return Temporal.PlainDate.from(text, { overflow: 'reject' }).toString();
    } catch {
      throw new UsageError(`${option} ${text} is not a day of the calendar. Check the month and the day.`);
    }
  }
  throw new UsageError(`${option} must be a date like 2026-12-01, not "${text}".`);
}
