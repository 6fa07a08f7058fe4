import type { APIRoute } from 'astro';
import { calendarIcs } from '../lib/calendar/feeds.ts';
import { feedContext } from '../site/feeds.ts';

/** Every post on every channel, for calendar apps. */
export const GET: APIRoute = ({ locals }) => {
  const { site } = locals.herald;
  return new Response(calendarIcs(site.placed, feedContext(site)), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8' },
  });
};
