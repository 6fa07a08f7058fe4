import type { NetworkProfile } from './profile.ts';

/**
 * A webhook: one JSON POST to a chat tool or any receiver. No limit of its own (the text is counted
 * as people see it, in graphemes); a thread is one message, its parts as paragraphs; images go as
 * links to the site, in any format Herald sends. The address itself is the secret.
 */
export const webhook = {
  label: 'Webhook',
  text: { counting: 'graphemes', contentWarning: false },
  threads: false,
  credentials: ['URL'],
} as const satisfies NetworkProfile;
