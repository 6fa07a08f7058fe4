import type { APIRoute, GetStaticPaths } from 'astro';
import type { Post } from '../../../lib/model.ts';
import type { PostMedia } from '../../../lib/model.ts';
import { servedName } from '../../../lib/routes.ts';
import { readCaptions, readMedia } from '../../../site/media.ts';
import { loadSite } from '../../../site/project.ts';

/** The images and videos of each post, and the videos' captions, served next to its page. */
export const getStaticPaths = (async () => {
  const site = await loadSite();
  const paths = [];
  for (const post of site.project.posts) {
    for (const media of post.media) {
      if (await readMedia(site.dir, media))
        paths.push({ params: { id: post.id, file: servedName(media.file) }, props: { post, media, captions: false } });
      if (media.captionsFile && (await readCaptions(site.dir, media)))
        paths.push({
          params: { id: post.id, file: servedName(media.captionsFile) },
          props: { post, media, captions: true },
        });
    }
  }
  return paths;
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ post: Post; media: PostMedia; captions: boolean }> = async ({ props }) => {
  const site = await loadSite();
  const file = (await (props.captions ? readCaptions : readMedia)(site.dir, props.media))!;
  return new Response(file.bytes, { headers: { 'Content-Type': file.mimeType } });
};
