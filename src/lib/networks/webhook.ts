import type { NetworkProfile } from './profile.ts';

/**
 * A webhook: one JSON POST to a chat tool or any receiver. No limit of its own (the text is counted
 * as people see it, in graphemes); a thread is one message, its parts as paragraphs; images go as
 * links to the site, in any format Herald sends. A webhook usually reaches a team chat, so its channel
 * is internal unless herald.yaml says otherwise. The address itself is the secret.
 */
export const webhook = {
  label: 'Webhook',
  text: { counting: 'graphemes', contentWarning: false },
  threads: false,
  gates: { replies: ['everyone'], quotes: ['everyone'] },
  privateByDefault: true,
  credentials: ['URL'],
} as const satisfies NetworkProfile;
