import { locate } from '../project/locate.ts';
import { networkProfiles } from '../networks/profiles.ts';
import type { Problem } from '../project/problems.ts';
import { listing, networksOf, type Rules } from './context.ts';
import { finding } from './registry.ts';

/**
 * A post's `quote:` against each of its networks: a network quotes only its own posts (a Bluesky
 * post cannot quote a status on Mastodon), some cannot quote at all, and X takes no poll beside a
 * quote.
 */
export const quoteRules: Rules = ({ project }) => {
  const found: Problem[] = [];
  for (const post of project.posts) {
    if (!post.quote) continue;
    const at = locate(post.frontmatter, ['quote']);
    const networks = networksOf(post, project.channels);
    const quoting = networks.filter((n) => networkProfiles[n].quoting?.link.test(post.quote!));
    const other = networks.filter((n) => !quoting.includes(n));
    if (other.length > 0) {
      const names = listing(other.map((n) => networkProfiles[n].label));
      const whose =
        quoting.length > 0 ? `a ${listing(quoting.map((n) => networkProfiles[n].label))} post` : 'not a post of theirs';
      const examples = other.flatMap((n) => networkProfiles[n].quoting?.example ?? []);
      found.push(
        finding(
          'quote/network',
          post.file,
          at,
          `${post.quote} is ${whose}: ${names} can quote ${examples.length > 0 ? `only their own posts (such as ${examples.join(' or ')})` : 'no post'}. Send this post only to channels of the quoted post's network, or quote a post there.`,
        ),
      );
    }
    const withoutPoll = quoting.filter((n) => post.poll && !networkProfiles[n].quoting!.withPoll);
    if (withoutPoll.length > 0)
      found.push(
        finding(
          'quote/with-poll',
          post.file,
          at,
          `${listing(withoutPoll.map((n) => networkProfiles[n].label))} take${withoutPoll.length > 1 ? '' : 's'} a quote or a poll, not both. Remove one of them.`,
        ),
      );
  }
  return found;
};
