import type { APIRoute } from 'astro';
import { calendarIcs } from '../lib/calendar/feeds.ts';
import { feedContext } from '../site/feeds.ts';
import { loadSite } from '../site/project.ts';

/** Every post on every channel, for calendar apps. */
export const GET: APIRoute = async () => {
  const site = await loadSite();
  return new Response(calendarIcs(site.placed, feedContext(site)), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8' },
  });
};
