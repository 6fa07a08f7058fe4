import { locate, locateKey } from '../project/locate.ts';
import { networkProfiles } from '../networks/profiles.ts';
import type { Problem } from '../project/problems.ts';
import { listing, networksOf, type Rules } from './context.ts';
import { finding } from './registry.ts';

/** What a repost cannot carry, as the front matter names it and as the finding says it. */
const besideRepost = [
  ['media', 'images or a video'],
  ['poll', 'a poll'],
  ['card', 'a link card'],
  ['quote', 'a quote'],
  ['contentWarning', 'a content warning'],
  ['variants', 'variants'],
  // An account reposts a post once: Mastodon and X would answer the repost already made.
  ['repeat', 'a repeat'],
] as const;

/**
 * A post's `repost:` against each of its networks, and against the rest of its file. A network
 * reposts only its own posts, some cannot repost from Herald at all, and a repost is the other
 * post alone: text or images around it make it a quote, which `quote:` is for. These are errors that
 * cannot be lowered to warnings: sent anyway, a repost that cannot go out would be an empty post.
 */
export const repostRules: Rules = ({ project }) => {
  const found: Problem[] = [];
  for (const post of project.posts) {
    if (!post.repost) continue;
    const link = post.repost;
    const at = locate(post.frontmatter, ['repost']);
    const networks = networksOf(post, project.channels);
    const cannot = networks.filter((n) => !networkProfiles[n].reposting);
    if (cannot.length > 0) {
      const names = listing(cannot.map((n) => networkProfiles[n].label));
      found.push(
        finding(
          'repost/unsupported',
          post.file,
          at,
          `${names} cannot repost from Herald (docs/networks.md, Reposts say why). Remove ${cannot.length > 1 ? 'those channels' : 'that channel'} from this post, and share the link there in a post of your own.`,
        ),
      );
    }
    const can = networks.filter((n) => networkProfiles[n].reposting);
    const reposting = can.filter((n) => networkProfiles[n].reposting!.link.test(link));
    const other = can.filter((n) => !reposting.includes(n));
    if (other.length > 0) {
      const whose =
        reposting.length > 0
          ? `a post of ${listing(reposting.map((n) => networkProfiles[n].label))}`
          : 'not a post Herald can repost';
      const examples = other.map((n) => `${networkProfiles[n].label}: ${networkProfiles[n].reposting!.example}`);
      const hints = other.flatMap((n) => networkProfiles[n].reposting!.hint ?? []);
      found.push(
        finding(
          'repost/network',
          post.file,
          at,
          `${link} is ${whose}, and a network reposts only its own posts (${examples.join('; ')}). Give the link of the post as its network shows it${hints.length > 0 ? ` (${hints.join('; ')})` : ''}, and send the repost only to channels of that network.`,
        ),
      );
    }
    if (post.parts.length > 0)
      found.push(
        finding(
          'repost/with-content',
          post.file,
          { line: post.partLines[0] ?? post.bodyLine, column: 1 },
          'A repost has no text of its own, but this post has some below the front matter. Remove the text to repost as it is, or write quote: instead of repost: to post the text quoting it.',
        ),
      );
    for (const [key, what] of besideRepost) {
      const value = post[key];
      if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
      if (key === 'variants' && Object.keys(value).length === 0) continue;
      found.push(
        finding(
          'repost/with-content',
          post.file,
          locateKey(post.frontmatter, [key]),
          `A repost shares the other post as it is and cannot carry ${what}. Remove ${key}:, or write quote: instead of repost: for a post of your own that quotes it.`,
        ),
      );
    }
  }
  return found;
};
