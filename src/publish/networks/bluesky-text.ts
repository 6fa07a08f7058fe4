import { AppBskyRichtextFacet, RichText, type Agent } from '@atproto/api';

/**
 * Bluesky shows links, mentions and hashtags only where the record says so, as facets that point
 * into the text by UTF-8 byte offsets (not characters: "ż" is two bytes, an emoji four). RichText
 * from @atproto/api finds them and counts the bytes, and resolves mentions to DIDs through the
 * account's server. A mention that does not resolve comes back with an empty DID, which the server
 * would refuse: it is dropped here and stays plain text.
 */
export async function blueskyText(
  text: string,
  agent: Agent,
): Promise<{ text: string; facets?: AppBskyRichtextFacet.Main[] }> {
  const rich = new RichText({ text });
  await rich.detectFacets(agent);
  const facets = (rich.facets ?? [])
    .map((facet) => ({
      ...facet,
      features: facet.features.filter((feature) => !(AppBskyRichtextFacet.isMention(feature) && !feature.did)),
    }))
    .filter((facet) => facet.features.length > 0);
  return facets.length > 0 ? { text: rich.text, facets } : { text: rich.text };
}
