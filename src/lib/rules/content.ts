import type { NetworkName } from '../../schemas/config.ts';
import { networkProfiles } from '../networks/profiles.ts';
import { locate } from '../project/locate.ts';
import type { Problem } from '../project/problems.ts';
import { isPrivateChannel } from '../views/privacy.ts';
import { channelsOf, listing, type Rules } from './context.ts';
import { finding } from './registry.ts';

/**
 * A post's `contentWarning:` and `contentLabels:` against what each network can carry (its profile's
 * text.contentWarning and contentLabels): where a network has no such thing, the post goes out there
 * without it, which the author must hear before it does. Private channels (webhooks) are for the
 * team's own tools, which get the front matter's meaning from the calendar, so they are not named.
 * Labels describe images: a post without any sends them nowhere (see payloadFor).
 */
export const contentRules: Rules = ({ project }) => {
  const found: Problem[] = [];
  for (const post of project.posts) {
    const publicNetworks = [
      ...new Set(
        channelsOf(post, project.channels)
          .filter((channel) => !isPrivateChannel(channel))
          .map((channel) => channel.network),
      ),
    ];
    const names = (networks: NetworkName[]) => listing(networks.map((n) => networkProfiles[n].label));
    if (post.contentWarning) {
      const dropping = publicNetworks.filter((n) => !networkProfiles[n].text.contentWarning);
      if (dropping.length > 0)
        found.push(
          finding(
            'content/warning-not-sent',
            post.file,
            locate(post.frontmatter, ['contentWarning']),
            `${names(dropping)} ${dropping.length === 1 ? 'has' : 'have'} no content warning: there, the text goes out without "${post.contentWarning}" folded over it. Leave ${names(dropping)} out of this post, or write a variant for ${dropping.length === 1 ? 'it' : 'each'} that says the warning in its text.`,
          ),
        );
    }
    if (post.contentLabels.length > 0 && post.media.length === 0)
      found.push(
        finding(
          'content/labels-not-sent',
          post.file,
          locate(post.frontmatter, ['contentLabels']),
          `Content labels say what a post's images show, and this post has none: the labels are not sent (on Bluesky they would hide the whole post, text and all). Add the images they describe, or remove contentLabels; for a warning over the text, use contentWarning.`,
        ),
      );
    else if (post.contentLabels.length > 0) {
      const dropping = publicNetworks.filter((n) => networkProfiles[n].contentLabels === undefined);
      if (dropping.length > 0)
        found.push(
          finding(
            'content/labels-not-sent',
            post.file,
            locate(post.frontmatter, ['contentLabels']),
            `${names(dropping)} ${dropping.length === 1 ? 'has' : 'have'} no content labels: there, the images show as they are, without ${listing(post.contentLabels)}. Leave ${names(dropping)} out of this post if the images should not be seen unasked.`,
          ),
        );
    }
  }
  return found;
};
