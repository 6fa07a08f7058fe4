import { networkProfiles } from '../networks/profiles.ts';
import { locate, locateKey } from '../project/locate.ts';
import type { Problem } from '../project/problems.ts';
import { cardAddressProblem } from '../text/web-address.ts';
import { listing, networksOf, type Rules } from './context.ts';
import { finding } from './registry.ts';

/**
 * A post's reviewed `card:`. Its address is what a reader opens from the card: it must be a public
 * https page, never one on a private network that a reader's click (or a network's card reader)
 * would be sent to. And a card is sent only where the poster makes it (the profile's linkCard
 * `embed` or `article`), and there only without images (a post carries one or the other): elsewhere
 * the reviewed card would be dropped without a word.
 */
export const cardRules: Rules = ({ project }) => {
  const found: Problem[] = [];
  for (const post of project.posts) {
    if (!post.card) continue;
    const problem = cardAddressProblem(post.card.url);
    if (problem)
      found.push(
        finding(
          'card/url',
          post.file,
          locate(post.frontmatter, ['card', 'url']),
          `The card's address ${post.card.url} ${problem}. Write the page's public https address, such as https://example.org/page.`,
        ),
      );
    const networks = networksOf(post, project.channels);
    const posterMade = networks.filter((n) => ['embed', 'article'].includes(networkProfiles[n].linkCard ?? ''));
    const names = (list: typeof networks) => listing(list.map((n) => networkProfiles[n].label));
    const at = locateKey(post.frontmatter, ['card']);
    if (posterMade.length === 0) {
      const own = networks.filter((n) => networkProfiles[n].linkCard === 'network');
      found.push(
        finding(
          'card/not-sent',
          post.file,
          at,
          `The card will not be sent: none of this post's networks (${names(networks)}) shows a card Herald sends${own.length > 0 ? `; ${names(own)} ${own.length === 1 ? 'makes its' : 'make their'} own from the page's tags` : ''}. Remove card:, or send the post to Bluesky or LinkedIn too.`,
        ),
      );
    } else if (post.media.length > 0)
      found.push(
        finding(
          'card/not-sent',
          post.file,
          at,
          `The card will not be sent: on ${names(posterMade)} a post carries images or a card, not both, and this one has images. Remove the images to send the card, or remove card:.`,
        ),
      );
  }
  return found;
};
