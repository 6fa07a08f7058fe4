import { defineCollection } from 'astro:content';
import type { Loader, LoaderContext } from 'astro/loaders';
import type { FSWatcher } from 'vite';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { deliveredKeys } from '../lib/ledger/delivered.ts';
import { parseProject } from '../lib/project/load.ts';
import type { HandbookPage, Post, Project } from '../lib/project/model.ts';
import type { Problem } from '../lib/project/problems.ts';
import type { HeraldConfig } from '../schemas/config.ts';
import type { Ledger } from '../schemas/ledger.ts';
import { publicFindings, publicView } from '../lib/views/privacy.ts';
import { readContent } from '../lib/project/read-content.ts';
import { lint } from '../lib/rules/index.ts';
import { LedgerError } from '../lib/ledger/format.ts';
import { BuildStop } from './build-stop.ts';
import { buildNow, ledgerFile, projectDir } from './env.ts';
import { lastCommitDate } from './git.ts';
import { readLedgerFile } from './ledger.ts';
import { leftOutReport } from './left-out.ts';

/**
 * The site reads content/ through the same loader as the command line: one parse, shared by the
 * collections of one build. Handbook pages are also compiled as MDX by Astro (deferred rendering of
 * their files); posts never are, because a post is text sent to networks, not a page.
 */
let loading: Promise<{ full: Project; shown: Project }> | undefined;
/** The whole project, and the public view of it (src/lib/views/privacy.ts) that every page is built from. */
function loadProject(dir: string): Promise<{ full: Project; shown: Project }> {
  loading ??= readContent(dir).then((files) => {
    const full = parseProject(files, { now: buildNow() });
    return { full, shown: publicView(full) };
  });
  return loading;
}

/** A handbook page as the site has it: with the date git last changed its file. */
export type SiteHandbookPage = HandbookPage & { lastUpdated?: string };

/**
 * The project collection's one entry: the project without its posts and pages (their own
 * collections), herald.yaml as written for the CMS, the folder, the ledger and the findings.
 */
export type ProjectEntry = Omit<Project, 'posts' | 'handbook'> & {
  authoring?: HeraldConfig;
  dir: string;
  ledger: Ledger;
  findings: Problem[];
};

interface Entry<Data> {
  id: string;
  data: Data;
  /** For MDX that Astro renders: the file, relative to the Astro root. */
  render?: string;
}

/**
 * A collection whose entries Herald's loader makes from the parsed project. The loader has checked
 * them already (src/lib/project/load.ts), so the schema only gives Astro their type: pages read
 * typed data from getCollection, with no cast.
 */
function heraldLoader<Data extends object>(
  pick: (
    project: { full: Project; shown: Project },
    dir: string,
    logger: LoaderContext['logger'],
  ) => Entry<Data>[] | Promise<Entry<Data>[]>,
) {
  return {
    name: 'herald',
    schema: z.custom<Data>(),
    async load({ collection, store, config, generateDigest, logger, watcher }) {
      const root = fileURLToPath(config.root);
      const dir = projectDir(root);
      const sync = async () => {
        const entries = await pick(await loadProject(dir), dir, logger);
        store.clear();
        for (const { id, data, render } of entries) {
          // The store keeps any plain record; Herald's types are interfaces, which declare no index signature.
          const record = data as Record<string, unknown>;
          store.set({
            id,
            data: record,
            digest: generateDigest(record),
            ...(render && { filePath: relative(root, join(dir, render)), deferredRender: true }),
          });
        }
      };
      await sync();
      refreshers.set(collection, sync);
      if (watcher) watchContent(watcher, dir);
    },
  } satisfies Loader;
}

/** The ledger the site shows statuses from; one it cannot read stops the build with what to do. */
async function readLedger(file: string) {
  try {
    return { ledger: await readLedgerFile(file) };
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    throw new BuildStop(
      `The site cannot be built: it shows what was sent from the ledger (HERALD_LEDGER, or .herald/ledger.json), and ${error.message}`,
    );
  }
}

/**
 * In `astro dev` (npm run dev), a change under content/ parses the project again and refreshes
 * every collection, so the calendar and the post pages follow the files as they are edited. A
 * build reads them once.
 */
const refreshers = new Map<string, () => Promise<void>>();
let watched: string | undefined;
function watchContent(watcher: FSWatcher, dir: string) {
  const content = join(dir, 'content');
  if (watched === content) return;
  watched = content;
  watcher.add(content);
  const changed = (path: string) => {
    if (!path.startsWith(`${content}${sep}`)) return;
    loading = undefined;
    for (const refresh of refreshers.values()) void refresh();
  };
  watcher.on('add', changed).on('change', changed).on('unlink', changed);
}

export const collections = {
  posts: defineCollection({
    loader: heraldLoader(({ shown }) => shown.posts.map((post): Entry<Post> => ({ id: post.id, data: { ...post } }))),
  }),
  handbook: defineCollection({
    loader: heraldLoader(({ shown }, dir) =>
      Promise.all(
        shown.handbook.map(async (page): Promise<Entry<SiteHandbookPage>> => {
          const lastUpdated = await lastCommitDate(dir, page.file);
          return { id: page.slug, data: { ...page, ...(lastUpdated && { lastUpdated }) }, render: page.file };
        }),
      ),
    ),
  }),
  /**
   * What is not a post or a page: herald.yaml (its public view, and as written for the CMS, which
   * offers every channel) and its text, the house rules, the post files that could not be loaded
   * (shown as broken), the ledger of what was sent (read-only; an unreadable ledger stops the build
   * with its message) and what `herald validate` reports that the public view shows too
   * (publicFindings), so post pages show the same findings. One entry.
   */
  project: defineCollection({
    loader: heraldLoader(async ({ full, shown }, dir, logger): Promise<Entry<ProjectEntry>[]> => {
      const { config, configSource, channels, broken, houseRules, files, media, problems } = shown;
      const { ledger } = await readLedger(ledgerFile(dir));
      const options = { now: buildNow(), delivered: deliveredKeys(ledger) };
      const all = lint(full, options);
      const findings = shown === full ? all : publicFindings(all, lint(shown, options));
      const authoring = full.config;
      // Said once per build, here: the one collection every build loads exactly once.
      const leftOut = leftOutReport(full, shown);
      if (leftOut) logger.warn(leftOut);
      return [
        {
          id: 'project',
          data: {
            ...(config && { config }),
            ...(authoring && { authoring }),
            ...(configSource && { configSource }),
            channels,
            broken,
            ...(houseRules && { houseRules }),
            files,
            media,
            problems,
            findings,
            dir,
            ledger,
          },
        },
      ];
    }),
  }),
};
