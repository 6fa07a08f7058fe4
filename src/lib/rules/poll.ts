import type { NetworkName } from '../../schemas/config.ts';
import { countAs } from '../text/count.ts';
import { locate, locateKey } from '../project/locate.ts';
import type { Post } from '../project/model.ts';
import { networkProfiles } from '../networks/profiles.ts';
import type { Position, Problem } from '../project/problems.ts';
import { durationInWords, durationSeconds, secondsInWords } from '../time/time.ts';
import { listing, networksOf, plural, type Rules } from './context.ts';
import { finding } from './registry.ts';

/**
 * A post's poll against each of its networks' poll profiles: a network without polls, the number of
 * options, their length, how long it stays open, and images beside it. Networks that fail the same
 * limit at the same place share one finding that names them all.
 */
export const pollRules: Rules = ({ project }) => {
  const found: Problem[] = [];
  for (const post of project.posts) {
    const poll = post.poll;
    if (!poll) continue;
    const at = (path: (string | number)[]) =>
      path.length === 0 ? locateKey(post.frontmatter, ['poll']) : locate(post.frontmatter, ['poll', ...path]);
    const networks = networksOf(post, project.channels);
    const groups = new Groups(post);
    const seconds = durationSeconds(poll.duration, post.publishAt, post.timezone);
    const without = networks.filter((n) => !networkProfiles[n].poll);
    if (without.length > 0) {
      const names = listing(without.map((n) => networkProfiles[n].label));
      found.push(
        finding(
          'poll/unsupported',
          post.file,
          at([]),
          `${names} ${without.length > 1 ? 'take' : 'takes'} no polls: the post would go out there without its options. Send the poll only to ${listing(networks.filter((n) => networkProfiles[n].poll).map((n) => networkProfiles[n].label)) || 'Mastodon, X or Threads'} (a post of its own for the other channels), or remove the poll.`,
        ),
      );
    }
    // Mastodon refuses a poll with the same option twice (its PollOptionsValidator), and a vote
    // between the same words means nothing anywhere; case and spacing make no difference to a reader.
    const seen = new Map<string, number>();
    poll.options.forEach((option, i) => {
      const key = option.trim().toLocaleLowerCase();
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else
        found.push(
          finding(
            'poll/duplicate-option',
            post.file,
            at(['options', i]),
            `Option ${i + 1}, "${option}", is option ${first + 1} again: Mastodon refuses a poll with the same option twice. Remove it, or word it differently.`,
          ),
        );
    });
    for (const network of networks) {
      const limits = networkProfiles[network].poll;
      if (!limits) continue;
      const count = poll.options.length;
      if (count < limits.minOptions)
        groups.add(
          'poll/options',
          at(['options']),
          network,
          `min${limits.minOptions}`,
          (names) =>
            `This poll has ${plural(count, 'option')}; ${names} need${names.includes(' and ') ? '' : 's'} at least ${limits.minOptions}. Add ${limits.minOptions - count === 1 ? 'another' : limits.minOptions - count}, or remove the poll and ask in the text.`,
        );
      if (count > limits.maxOptions)
        groups.add(
          'poll/options',
          at(['options', limits.maxOptions]),
          network,
          `max${limits.maxOptions}`,
          (names) =>
            `This poll has ${plural(count, 'option')}; ${names} accept${names.includes(' and ') ? '' : 's'} at most ${limits.maxOptions}. Remove ${count - limits.maxOptions}.`,
        );
      poll.options.forEach((option, i) => {
        const length = countAs(limits.optionCounting, option);
        if (length > limits.optionLength)
          groups.add(
            'poll/option-too-long',
            at(['options', i]),
            network,
            `${limits.optionLength}`,
            (names) =>
              `This option is ${plural(length, 'character')}; ${names} accept${names.includes(' and ') ? '' : 's'} at most ${limits.optionLength}. Shorten it by ${length - limits.optionLength}.`,
          );
      });
      const open = `A poll open ${secondsInWords(seconds) || 'no time at all'}${durationInWords(poll.duration) && secondsInWords(seconds) !== durationInWords(poll.duration) ? ` (${poll.duration} from the post's time, across a change of the clocks)` : ''}`;
      // Threads takes no duration: its polls stay open 24 hours, and a post that says otherwise would mislead.
      if (limits.minSeconds === limits.maxSeconds && seconds !== limits.minSeconds)
        groups.add(
          'poll/duration',
          at(['duration']),
          network,
          `=${limits.minSeconds}`,
          (names) =>
            `${open} cannot be had on ${names}, where every poll stays open ${secondsInWords(limits.minSeconds)} and the API takes no other duration. Write duration: PT${limits.minSeconds / 3600}H, or leave ${names} out of this post.`,
        );
      else if (seconds < limits.minSeconds || seconds > limits.maxSeconds)
        groups.add(
          'poll/duration',
          at(['duration']),
          network,
          `${limits.minSeconds}-${limits.maxSeconds}`,
          (names) =>
            `${open} is ${seconds < limits.minSeconds ? 'too short' : 'too long'} for ${names}, which keep${names.includes(' and ') ? '' : 's'} a poll open from ${secondsInWords(limits.minSeconds)} to ${secondsInWords(limits.maxSeconds)}. Write a duration in between, e.g. P1D.`,
        );
      if (!limits.withMedia && post.media.length > 0)
        groups.add(
          'poll/with-media',
          at([]),
          network,
          'media',
          (names) =>
            `${names} take${names.includes(' and ') ? '' : 's'} a poll or images, not both. Remove the images, or move the poll to a post of its own.`,
        );
      if (poll.multiple && !limits.multiple)
        groups.add(
          'poll/multiple',
          at(['multiple']),
          network,
          'multiple',
          (names) =>
            `${names} ${names.includes(' and ') ? 'have' : 'has'} no multiple-choice polls: people there can pick one option only. Remove multiple: true, or leave ${names} out of this post.`,
        );
    }
    found.push(...groups.findings());
  }
  return found;
};

/** One finding per rule, place and limit, naming every network that fails it. */
class Groups {
  readonly #post: Post;
  readonly #groups = new Map<
    string,
    { rule: string; at: Position; networks: NetworkName[]; message: (names: string) => string }
  >();

  constructor(post: Post) {
    this.#post = post;
  }

  add(rule: string, at: Position, network: NetworkName, limit: string, message: (names: string) => string) {
    const key = `${rule}:${at.line}:${at.column}:${limit}`;
    const group = this.#groups.get(key) ?? { rule, at, networks: [], message };
    group.networks.push(network);
    this.#groups.set(key, group);
  }

  findings(): Problem[] {
    return [...this.#groups.values()].map(({ rule, at, networks, message }) =>
      finding(rule, this.#post.file, at, message(listing(networks.map((n) => networkProfiles[n].label)))),
    );
  }
}
