import { credentialExpiry, expiryMessage } from '../publishing/expiry-notices.ts';
import { locate } from '../project/locate.ts';
import type { Problem } from '../project/problems.ts';
import type { RuleContext } from './context.ts';
import { finding } from './registry.ts';

/** channel/credentials-expiring and channel/credentials-expired, on the channel's credentialsExpire in herald.yaml. */
export function credentialRules(context: RuleContext): Problem[] {
  const { config, project, now } = context;
  // Findings about herald.yaml, which is reported on only when every file is (see reportedFiles).
  const source = context.focused ? undefined : project.configSource;
  if (!source) return [];
  return config.channels.flatMap((channel, index) => {
    const expiry = credentialExpiry(channel, config.timezone, now);
    if (!expiry) return [];
    const rule = expiry.level === 'alarm' ? 'channel/credentials-expired' : 'channel/credentials-expiring';
    return [
      finding(
        rule,
        'content/herald.yaml',
        locate(source, ['channels', index, 'credentialsExpire']),
        expiryMessage(expiry),
      ),
    ];
  });
}
