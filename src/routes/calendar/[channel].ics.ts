import type { APIRoute, GetStaticPaths } from 'astro';
import { calendarIcs } from '../../lib/calendar/feeds.ts';
import { feedContext } from '../../site/feeds.ts';
import { loadSite } from '../../site/project.ts';

/** One channel's posts, for calendar apps. */
export const getStaticPaths = (async () => {
  const site = await loadSite();
  return site.config.channels.map((channel) => ({ params: { channel: channel.id } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, locals }) => {
  const { site } = locals.herald;
  return new Response(calendarIcs(site.placed, feedContext(site), params.channel), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8' },
  });
};
