import { defineCollection } from 'astro:content';
import type { Loader } from 'astro/loaders';
import { fileURLToPath } from 'node:url';
import { parseProject } from './lib/load.ts';
import type { Project } from './lib/model.ts';
import { readContent } from './lib/read-content.ts';

/**
 * The site reads content/ through the same loader as the command line: one parse, shared by the
 * collections of one build.
 */
let loading: Promise<Project> | undefined;
function loadProject(root: URL): Promise<Project> {
  loading ??= readContent(fileURLToPath(root)).then((files) => parseProject(files, { now: Date.now() }));
  return loading;
}

function heraldLoader(pick: (project: Project) => { id: string; data: Record<string, unknown> }[]): Loader {
  return {
    name: 'herald',
    async load({ store, config, generateDigest }) {
      const project = await loadProject(config.root);
      store.clear();
      for (const { id, data } of pick(project)) store.set({ id, data, digest: generateDigest(data) });
    },
  };
}

export const collections = {
  posts: defineCollection({
    loader: heraldLoader((project) => project.posts.map((post) => ({ id: post.id, data: { ...post } }))),
  }),
  handbook: defineCollection({
    loader: heraldLoader((project) => project.handbook.map((page) => ({ id: page.slug, data: { ...page } }))),
  }),
};
