import type { Channel, HeraldConfig } from '../../schemas/config.ts';
import type { Post } from '../project/model.ts';
import { isInternalPost } from '../views/privacy.ts';
import { routes } from '../views/routes.ts';

/** Where a network that fetches images itself (Threads) can fetch one of a post's images, or why nowhere. */
export type PublicImage = { url: string } | { refused: string };

/**
 * The public address of a post's image: the copy the site publishes under herald.yaml's `site`
 * (routes.media), the one place Herald puts images on the web. A network that takes an image only
 * by its address (Threads' image_url) gets this; the adapter checks that the address serves exactly
 * the reviewed bytes before handing it over. An internal post's images are never on the site
 * (src/lib/views/privacy.ts), and without `site` there is no address: both are refused with what to do.
 */
export function publicImage(
  post: Post,
  file: string,
  config: HeraldConfig,
  channels: Record<string, Channel>,
): PublicImage {
  if (!config.site)
    return {
      refused: `Threads fetches each image and video from a public address, and Herald gives it the site's copy, but herald.yaml has no site: set site: to where the site is published (e.g. https://your-org.github.io/social/)`,
    };
  if (isInternalPost(post, config, channels))
    return {
      refused: `Threads fetches each image and video from a public address, and this post is internal (a private label or only private channels), so the site does not publish ${file}: send it to Threads without images, or make the post public`,
    };
  const base = config.site.endsWith('/') ? config.site : `${config.site}/`;
  return { url: new URL(routes.media(post.id, file), base).href };
}
