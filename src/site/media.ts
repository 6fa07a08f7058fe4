import type { PostMedia } from '../lib/project/model.ts';
import { readImage, type ImageFile } from '../lib/project/read-content.ts';

const cache = new Map<string, Promise<ImageFile | undefined>>();

/**
 * A post's image as the site serves it, or undefined when Herald would not send it (missing, outside
 * content/posts/, behind a link, or not an image whose content and name agree: see readImage). The
 * site serves nothing else, whatever herald.yaml's `rules:` say: the post page shows the finding
 * instead of the file.
 */
export function readMedia(dir: string, media: Pick<PostMedia, 'file'>): Promise<ImageFile | undefined> {
  const key = `${dir}\n${media.file}`;
  let file = cache.get(key);
  if (!file) {
    file = readImage(dir, media.file).then((read) => (read.ok ? read.image : undefined));
    cache.set(key, file);
  }
  return file;
}
