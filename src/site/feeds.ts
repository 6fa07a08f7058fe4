import type { FeedContext } from '../lib/calendar/feeds.ts';
import type { Site } from './project.ts';

/** The feeds' view of a build: the same statuses and addresses as the pages. */
export function feedContext(site: Site): FeedContext {
  return {
    organization: site.config.organization,
    repository: site.config.repository,
    locale: site.locale,
    timezone: site.zone,
    channels: site.project.channels,
    ...(site.absolute('') && { siteUrl: site.absolute('') }),
    now: site.now,
    status: site.status,
  };
}
