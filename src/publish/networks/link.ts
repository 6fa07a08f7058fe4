/**
 * A link a person gave (`herald ledger settle ... published <link>`) that is not a post of the
 * channel's network in the form that network's site shows it.
 */
export class LinkError extends Error {}

/** The link as a URL, or a LinkError saying what was expected. */
export function parseLink(link: string, expected: string): URL {
  try {
    const url = new URL(link);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url;
  } catch {
    // Said below.
  }
  throw new LinkError(`"${link}" is not a web address; give the post's link as its page shows it, e.g. ${expected}`);
}
