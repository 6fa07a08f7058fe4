import { checkbox, confirm, input, select } from '@inquirer/prompts';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { newPostPath, newPostText, publicChannels, takenIds, type PostKind } from '../../src/lib/calendar/authoring.ts';
import { idFromTitle, uniqueId } from '../../src/lib/project/ids.ts';
import { parseProject, unknownChannelMessage } from '../../src/lib/project/load.ts';
import { readContent } from '../../src/lib/project/read-content.ts';
import { suggest } from '../../src/lib/project/schema-issues.ts';
import type { Schedule } from '../../src/lib/project/model.ts';
import { checkSlot, suggestSlot, type Draft, type SlotCheck } from '../../src/lib/calendar/slots.ts';
import { slug } from '../../src/schemas/common.ts';
import type { HeraldConfig } from '../../src/schemas/config.ts';
import { postKinds } from '../../src/schemas/post.ts';
import { nowOption, parseOptions, projectRoot, usable, UsageError } from '../cli.ts';

const usage = `Usage: herald new [--title TEXT] [--at "YYYY-MM-DD HH:MM"] [--channels a,b] [--kind original|reshare|evergreen]
                  [--campaign ID] [--labels a,b] [--text TEXT] [--yes] [--now ISO]

Creates a post in content/posts/YYYY/MM/ with a unique id, ready for its text. In a terminal it asks
for whatever the options do not give, suggesting the next free time that breaks no calendar rule
(at the severities herald.yaml's rules: gives them).

  --title     internal title; the file name and id are made from it
  --at        local date and time in herald.yaml's time zone
  --channels  channel ids from herald.yaml, separated by commas
  --kind      original (default), reshare or evergreen
  --campaign  campaign id, e.g. agm-2026
  --labels    labels, separated by commas
  --text      the text of the post (otherwise a placeholder, which herald validate refuses until
              it is replaced)
  --yes       ask nothing: take the suggested time and every public channel when not given
  --now       judge "in the past" and "free" against this time instead of the clock

Exit code: 0 written, 1 cancelled, 2 could not run (a missing or bad option, or broken herald.yaml).`;

export async function newPost(args: string[]): Promise<number> {
  const { values } = parseOptions(
    args,
    {
      title: { type: 'string' },
      at: { type: 'string' },
      channels: { type: 'string' },
      kind: { type: 'string' },
      campaign: { type: 'string' },
      labels: { type: 'string' },
      text: { type: 'string' },
      yes: { type: 'boolean', short: 'y', default: false },
      now: { type: 'string' },
    },
    usage,
  );
  const now = nowOption(values.now);

  const root = projectRoot();
  const files = await readContent(root);
  const project = usable(parseProject(files, { now }), 'no post can be created');
  const { config } = project;

  // Options are checked before anything is asked: a script learns at once what is wrong.
  const given = {
    title: values.title === undefined ? undefined : answer(checkTitle(values.title)),
    channels: values.channels === undefined ? undefined : answer(checkChannels(values.channels, config)),
    kind: values.kind === undefined ? undefined : answer(checkKind(values.kind)),
    campaign: values.campaign === undefined ? undefined : answer(checkCampaign(values.campaign)),
    labels: values.labels === undefined ? [] : splitList(values.labels),
    text: values.text === undefined ? undefined : answer(checkText(values.text)),
  };
  const interactive = !values.yes && process.stdin.isTTY === true && process.stdout.isTTY === true;
  const ask = interactive ? undefined : `cannot ask here (${values.yes ? '--yes' : 'no terminal'})`;

  try {
    const title = given.title ?? (ask ? missing(`${ask}: give the post's title with --title "..."`) : await askTitle());
    const channels =
      given.channels ??
      (interactive
        ? await askChannels(config)
        : values.yes
          ? publicChannels(config)
          : missing(
              `${ask}: name the channels with --channels ${publicChannels(config).join(',')}, or add --yes to take every public channel`,
            ));
    const kind = given.kind ?? (interactive ? await askKind() : 'original');
    const draft: Draft = {
      title,
      channels,
      kind,
      ...(given.campaign && { campaign: given.campaign }),
      labels: given.labels,
      id: uniqueId(idFromTitle(title), takenIds(files)),
      ...(given.text !== undefined && { text: given.text }),
    };
    const suggestion = suggestSlot(project, draft, now);
    if (suggestion && !suggestion.ok)
      throw new UsageError(`The new post cannot go out at any time. ${suggestion.reason}`);
    const next = suggestion?.local;
    // A time typed at the prompt has passed the same check already.
    const at = values.at ?? (interactive ? await askTime(project, draft, now, next) : undefined);
    let slot: Extract<SlotCheck, { ok: true }>;
    if (at !== undefined) {
      const check = checkSlot(project, draft, at, now);
      if (!check.ok) throw new UsageError(`--at: ${check.reason}${next ? ` The next free time is ${next}.` : ''}`);
      slot = check;
    } else if (values.yes && suggestion) {
      slot = suggestion;
    } else {
      slot = missing(
        next
          ? `${ask}: give the time with --at "${next}" (the next free time), or add --yes to take it`
          : `there is no free time on ${channels.join(', ')} in the next year; give one with --at "YYYY-MM-DD HH:MM"`,
      );
    }

    const post = { ...draft, publishAt: slot.local };
    const path = newPostPath(post);
    const text = newPostText(post);
    // The file written passes validate: a text the rules refuse is refused here, before anything is
    // written. Without --text it starts from the placeholder, which post/placeholder reports until replaced.
    const content = given.text === undefined ? slot.content.filter((p) => p.rule !== 'post/placeholder') : slot.content;
    const refusals = content.filter((p) => p.severity === 'error');
    if (refusals.length > 0)
      throw new UsageError(`--text: ${refusals.map((p) => `${p.message} (${p.rule})`).join(' ')} Nothing was written.`);
    for (const warning of [...slot.warnings, ...content]) console.log(`warning  ${warning.rule}  ${warning.message}`);

    if (interactive && !(await confirm({ message: `Create ${path}?`, default: true }))) {
      console.log('Nothing was written.');
      return 1;
    }
    await mkdir(dirname(join(root, path)), { recursive: true });
    try {
      await writeFile(join(root, path), text, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST')
        throw new UsageError(`${path} appeared meanwhile; nothing was overwritten. Run herald new again.`);
      throw error;
    }
    console.log(
      [
        `Created ${path}: "${title}", ${slot.local} (${config.timezone}), on ${channels.join(', ')}.`,
        given.text === undefined
          ? `Next: replace the placeholder text below the front matter with the post (until then herald validate reports post/placeholder), check it with npx herald validate ${path}, then open a pull request.`
          : `Next: check it with npx herald validate ${path}, then open a pull request.`,
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    if (error instanceof Error && error.name === 'ExitPromptError') {
      console.log('\nCancelled. Nothing was written.');
      return 1;
    }
    throw error;
  }
}

type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

function answer<T>(checked: Checked<T>): T {
  if (!checked.ok) throw new UsageError(checked.reason);
  return checked.value;
}

function missing(reason: string): never {
  throw new UsageError(`${reason}.`);
}

function checkTitle(text: string): Checked<string> {
  const title = text.trim();
  return title
    ? { ok: true, value: title }
    : { ok: false, reason: 'The title is empty. Give the post a short internal title, e.g. "AGM: live thread".' };
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function checkText(text: string): Checked<string> {
  return text.trim()
    ? { ok: true, value: text }
    : { ok: false, reason: "--text is empty. Give the post's text, or leave --text out to start from a placeholder." };
}

function checkChannels(text: string, config: HeraldConfig): Checked<string[]> {
  const ids = config.channels.map((channel) => channel.id);
  const channels = [...new Set(splitList(text))];
  if (channels.length === 0) return { ok: false, reason: `Name at least one channel: ${ids.join(', ')}.` };
  const unknown = channels.find((channel) => !ids.includes(channel));
  if (unknown !== undefined) return { ok: false, reason: unknownChannelMessage(unknown, ids) };
  return { ok: true, value: channels };
}

function checkKind(text: string): Checked<PostKind> {
  const kind = postKinds.find((k) => k === text.trim());
  if (kind) return { ok: true, value: kind };
  const near = suggest(text.trim(), postKinds);
  return {
    ok: false,
    reason: `The kind "${text}" is not one Herald knows.${near ? ` Did you mean ${near}?` : ''} Use ${postKinds.join(', ')}.`,
  };
}

function checkCampaign(text: string): Checked<string> {
  const campaign = text.trim();
  return slug.safeParse(campaign).success
    ? { ok: true, value: campaign }
    : {
        ok: false,
        reason: `The campaign "${text}" must be lower-case letters, digits and single hyphens, e.g. agm-2026.`,
      };
}

function askTitle(): Promise<string> {
  return input({
    message: 'Title (for the team, never sent):',
    validate: (text) => {
      const checked = checkTitle(text);
      return checked.ok || checked.reason;
    },
  }).then((title) => title.trim());
}

function askChannels(config: HeraldConfig): Promise<string[]> {
  const open = publicChannels(config);
  return checkbox({
    message: 'Channels (space to choose, enter when done):',
    choices: config.channels.map((channel) => ({
      value: channel.id,
      short: channel.id,
      name: `${channel.id} (${channel.network}${channel.name ? `, ${channel.name}` : ''})`,
      checked: open.includes(channel.id),
    })),
    validate: (chosen) => chosen.length > 0 || 'Choose at least one channel (space selects).',
  });
}

function askKind(): Promise<PostKind> {
  const descriptions: Record<PostKind, string> = {
    original: 'our own news or message',
    reshare: 'passing on what someone else published',
    evergreen: 'useful any time, may be repeated',
  };
  return select({
    message: 'Kind:',
    choices: postKinds.map((kind) => ({ value: kind, name: `${kind}: ${descriptions[kind]}` })),
    default: 'original',
  });
}

function askTime(schedule: Schedule, draft: Draft, now: number, suggestion: string | undefined): Promise<string> {
  return input({
    message: `When (YYYY-MM-DD HH:MM, ${schedule.config.timezone}):`,
    ...(suggestion && { default: suggestion, prefill: 'editable' as const }),
    validate: (text) => {
      const slot = checkSlot(schedule, draft, text, now);
      return slot.ok || `${slot.reason}${suggestion ? ` The next free time is ${suggestion}.` : ''}`;
    },
  });
}
