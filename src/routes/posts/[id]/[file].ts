import type { APIRoute, GetStaticPaths } from 'astro';
import type { Post } from '../../../lib/project/model.ts';
import type { PostMedia } from '../../../lib/project/model.ts';
import { servedName } from '../../../lib/views/routes.ts';
import { readMedia } from '../../../site/media.ts';
import { loadSite } from '../../../site/project.ts';

/** The images of each post and the picture of its card:, served next to its page. */
export const getStaticPaths = (async () => {
  const site = await loadSite();
  const paths = [];
  for (const post of site.project.posts) {
    for (const media of [...post.media, ...(post.card?.file ? [{ file: post.card.file }] : [])]) {
      if (await readMedia(site.dir, media))
        paths.push({ params: { id: post.id, file: servedName(media.file) }, props: { post, media } });
    }
  }
  return paths;
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ post: Post; media: Pick<PostMedia, 'file'> }> = async ({ props, locals }) => {
  const { site } = locals.herald;
  const file = (await readMedia(site.dir, props.media))!;
  return new Response(file.bytes, { headers: { 'Content-Type': file.mimeType } });
};
