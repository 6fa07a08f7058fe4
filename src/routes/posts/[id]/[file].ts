import type { APIRoute, GetStaticPaths } from 'astro';
import type { Post, PostMedia } from '../../../lib/project/model.ts';
import { servedName } from '../../../lib/views/routes.ts';
import { readCaptions, readMedia } from '../../../site/media.ts';
import { loadSite } from '../../../site/project.ts';

/** The images and videos of each post, the videos' captions and the picture of its card:, served next to its page. */
export const getStaticPaths = (async () => {
  const site = await loadSite();
  const paths = [];
  for (const post of site.project.posts) {
    const served: Served[] = [...post.media, ...(post.card?.file ? [{ file: post.card.file }] : [])];
    for (const media of served) {
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

type Served = Pick<PostMedia, 'file' | 'captionsFile'>;

export const GET: APIRoute<{ post: Post; media: Served; captions: boolean }> = async ({ props, locals }) => {
  const { site } = locals.herald;
  const file = (await (props.captions ? readCaptions : readMedia)(site.dir, props.media))!;
  return new Response(file.bytes, { headers: { 'Content-Type': file.mimeType } });
};
