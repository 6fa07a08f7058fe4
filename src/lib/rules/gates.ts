import type { QuoteRule, ReplyRule } from '../../schemas/common.ts';
import type { NetworkName } from '../../schemas/config.ts';
import { locate, locateKey } from '../project/locate.ts';
import { networkProfiles } from '../networks/profiles.ts';
import { gateOf } from '../text/payload.ts';
import type { Position, Problem } from '../project/problems.ts';
import { segments } from '../text/rich-text.ts';
import { partsFor } from '../text/posts.ts';
import { channelsOf, listing, type Rules } from './context.ts';
import { finding } from './registry.ts';

const replyWords: Record<ReplyRule, string> = {
  everyone: 'everyone',
  following: 'only the accounts it follows',
  followers: 'only its followers',
  mentioned: 'only the accounts the post mentions',
  nobody: 'no one',
};
const quoteWords: Record<QuoteRule, string> = {
  everyone: 'everyone',
  followers: 'only followers',
  nobody: 'no one',
};

/**
 * Who may reply to and quote a post (its `replies:` and `quotes:`, or its channel's), against what
 * each network can be told (its profile's gates): a rule a network cannot carry would go out open
 * to everyone there, which the author asked not to. And "nobody" on X and Threads, which have none: it
 * is sent as "only the accounts mentioned", which leaves no one able to reply only while the post
 * mentions no one.
 */
export const gateRules: Rules = ({ project }) => {
  const found: Problem[] = [];
  for (const post of project.posts) {
    const channels = channelsOf(post, project.channels);
    for (const [setting, words] of [
      ['replies', replyWords],
      ['quotes', quoteWords],
    ] as const) {
      const refused = new Map<string, { network: NetworkName; at: Position; rule: string }[]>();
      for (const channel of channels) {
        const rule = setting === 'replies' ? gateOf(post, channel, 'replies') : gateOf(post, channel, 'quotes');
        if (!rule) continue;
        const gates = networkProfiles[channel.network].gates;
        // A webhook's message has no public replies or quotes: any rule holds there.
        if (gates === 'none') continue;
        const takes: readonly string[] = gates[setting];
        if (takes.includes(rule)) continue;
        const at = post[setting] ? locate(post.frontmatter, [setting]) : locateKey(post.frontmatter, ['channels']);
        const key = `${rule}:${at.line}`;
        refused.set(key, [...(refused.get(key) ?? []), { network: channel.network, at, rule }]);
      }
      for (const group of refused.values()) {
        const networks = [...new Set(group.map((g) => g.network))];
        const names = listing(networks.map((n) => networkProfiles[n].label));
        const rule = group[0]!.rule as ReplyRule & QuoteRule;
        const from = post[setting] ? '' : ` (the channel's ${setting} in herald.yaml)`;
        found.push(
          finding(
            'gates/unsupported',
            post.file,
            group[0]!.at,
            `${names} cannot be told to let ${words[rule]} ${setting === 'replies' ? 'reply' : 'quote'}${from}: there, everyone could. Leave ${names} out of this post, or ${setting === 'replies' ? 'allow replies' : 'allow quotes'} there by setting ${setting}: everyone.`,
          ),
        );
      }
    }
    // X and Threads have no "nobody": "only the accounts mentioned" stands for it, which lets whoever
    // the post mentions reply.
    for (const channel of channels) {
      const gates = networkProfiles[channel.network].gates;
      if (gates === 'none' || !gates.nobodyAsMentioned || gateOf(post, channel, 'replies') !== 'nobody') continue;
      const mentions = partsFor(post, channel).flatMap((part) =>
        segments(part, channel.network)
          .filter((s) => s.kind === 'mention')
          .map((s) => s.text),
      );
      if (mentions.length === 0) continue;
      const { label } = networkProfiles[channel.network];
      found.push(
        finding(
          'gates/unsupported',
          post.file,
          post.replies ? locate(post.frontmatter, ['replies']) : locateKey(post.frontmatter, ['channels']),
          `${label} has no setting for "no one may reply": Herald sends "only the accounts mentioned", which here lets ${listing([...new Set(mentions)])} reply. Remove the mention from the ${label} text (a variant for ${channel.network}), or set replies: mentioned.`,
        ),
      );
    }
  }
  return found;
};
