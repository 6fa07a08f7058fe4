import { contentPaths } from '../lib/project/load.ts';
import type { Project } from '../lib/project/model.ts';
import { routes } from '../lib/views/routes.ts';

/**
 * What the build says, once, about the content files it could not use as they are: each file with
 * errors, what the site does with it instead (a post is shown as broken, with its problems, on a page
 * of its own and never published, unless it is internal: see src/lib/views/privacy.ts; a handbook page is
 * left out) and each error with its line.
 * Undefined when every file could be used.
 */
export function leftOutReport(
  project: Pick<Project, 'broken' | 'handbook' | 'problems'>,
  shown: Pick<Project, 'broken'> = project,
): string | undefined {
  const brokenPosts = new Map(project.broken.map((post) => [post.file, post]));
  const shownBroken = new Set(shown.broken.map((post) => post.file));
  const pages = new Set(project.handbook.map((page) => page.file));
  const errors = Map.groupBy(
    project.problems.filter(
      (p) =>
        p.severity === 'error' &&
        (brokenPosts.has(p.file) || (p.file.startsWith(contentPaths.handbook) && !pages.has(p.file))),
    ),
    (p) => p.file,
  );
  if (errors.size === 0) return undefined;
  const files = [...errors].map(([file, problems]) => {
    const post = brokenPosts.get(file);
    const fate = !post
      ? 'left out of the site: it has no page'
      : shownBroken.has(file)
        ? `shown on the site as a broken post, with its problems (page ${routes.post(post.id)}), never published`
        : 'left out of the public site: it is internal (a private label or only private channels), never published';
    return [`  ${file}: ${fate}`, ...problems.map((p) => `    line ${p.line}: ${p.message} (${p.rule})`)].join('\n');
  });
  const count = errors.size === 1 ? '1 content file has errors' : `${errors.size} content files have errors`;
  return `${count}, so the site does not use ${errors.size === 1 ? 'it' : 'them'} as written:\n${files.join('\n')}\nFix ${errors.size === 1 ? 'it' : 'them'}; npx herald validate checks every file.`;
}
