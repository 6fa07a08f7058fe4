import type { APIRoute } from 'astro';
import { dictionary } from '../i18n/index.ts';
import { jsonFeed } from '../lib/calendar/feeds.ts';
import { feedContext } from '../site/feeds.ts';

/** Every post as JSON Feed 1.1. */
export const GET: APIRoute = ({ locals }) => {
  const { site } = locals.herald;
  const title = `${site.config.organization}: ${dictionary(site.locale).calendar}`;
  return new Response(JSON.stringify(jsonFeed(site.project.posts, feedContext(site), title), null, 2), {
    headers: { 'Content-Type': 'application/feed+json' },
  });
};
