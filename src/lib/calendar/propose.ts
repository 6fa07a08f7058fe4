import type { HeraldConfig } from '../../schemas/config.ts';
import { newPostPath, newPostText, publicChannels } from './authoring.ts';
import { quietPeriodsOn } from './calendar.ts';
import type { Schedule } from '../project/model.ts';
import { encodePath } from '../views/routes.ts';
import { firstSlotOn, type Draft } from './slots.ts';

/**
 * A new post for a given day, as a file and as a link to GitHub's "new file" page with that file
 * filled in: the calendar's "propose a post on this day" and `herald new` write the same thing (the
 * same placeholder text, see placeholder.ts), at a time the same calendar rules accept (src/lib/calendar/slots.ts).
 */

export interface ProposedPost {
  /** YYYY-MM-DD, in the organisation's time zone. */
  date: string;
  /** File name without extension; defaults to the date followed by "new-post". */
  slug?: string;
  title: string;
  /** Channel ids; defaults to every public channel (webhooks, internal by default, are left out). */
  channels?: string[];
}

/** When no time of the day passes the calendar rules (the day is full): a time no daylight-saving change skips. */
const fallbackTime = '12:00';

/**
 * The file of a post proposed on `proposal.date`, at the first time of that day at which the
 * calendar rules accept it, or at noon when none does; none on a day in a quiet period, which the
 * calendar shows as closed.
 */
export function proposedPostFile(
  schedule: Schedule,
  proposal: ProposedPost,
  now: number,
): { path: string; text: string } | undefined {
  if (quietPeriodsOn(schedule.config.calendar, proposal.date).length > 0) return undefined;
  const draft: Draft = {
    title: proposal.title,
    channels: proposal.channels ?? publicChannels(schedule.config),
    kind: 'original',
    labels: [],
    id: proposal.slug ?? `${proposal.date}-new-post`,
  };
  const slot = firstSlotOn(schedule, draft, proposal.date, now);
  const post = { ...draft, publishAt: slot?.ok ? slot.local : `${proposal.date} ${fallbackTime}` };
  return { path: newPostPath(post), text: newPostText(post) };
}

/** GitHub's new-file page for `file`, on the repository's default branch. */
export function proposePostUrl(
  config: Pick<HeraldConfig, 'repository' | 'defaultBranch'>,
  file: { path: string; text: string },
): string {
  // encodeURIComponent, not URLSearchParams: a space must arrive as %20, not as a "+" GitHub might keep.
  const query = `filename=${encodeURIComponent(file.path)}&value=${encodeURIComponent(file.text)}`;
  return `https://github.com/${config.repository}/new/${encodePath(config.defaultBranch)}?${query}`;
}
