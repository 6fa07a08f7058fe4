import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { installHerald } from '../helpers/installed-herald.ts';
import { fixedClock, goodFrontmatter, post, testConfig } from '../helpers/project.ts';
import { person, TestRepo } from '../publish/approvals/git-fixture.ts';

/**
 * The workflows' own shell scripts, run with bash as the runner runs them: validate.yml's check of the
 * changed posts in a repository whose HEAD is a merge commit like the one GitHub checks out for a pull
 * request, and pages.yml's check of the site's address.
 */

const workflow = parse(readFileSync('.github/workflows/validate.yml', 'utf8')) as {
  jobs: Record<string, { steps: { name?: string; run?: string }[] }>;
};
const script = workflow.jobs['validate']!.steps.find((s) => s.name === 'Check the changed posts')!.run!;
const bob = person('bob');

let repo: TestRepo;
afterEach(() => repo?.cleanup());

/** main with two good posts; the pull request's changes; HEAD = GitHub's merge commit of the two. */
function pullRequest(change: (repo: TestRepo) => void, onMain?: (repo: TestRepo) => void): TestRepo {
  repo = TestRepo.create();
  onMain?.(repo);
  repo
    .write('content/herald.yaml', testConfig)
    .write('content/posts/2026/12/kept.mdx', post(goodFrontmatter.replace('A good post', 'Kept post')))
    .write(
      'content/posts/2026/12/gone.mdx',
      post(goodFrontmatter.replace('A good post', 'Gone post').replace('18:30', '20:30'), 'Goodbye, neighbours.'),
    )
    .write('README.md', '# Test\n')
    .commit(bob, 'Start');
  repo.branch('proposal');
  change(repo);
  repo.commit(bob, 'The pull request');
  repo.mergeCommit('proposal', bob);
  installHerald(repo.dir);
  return repo;
}

function runStep(dir: string): Promise<{ code: number; stdout: string; summary: string }> {
  const summary = join(dir, 'summary.md');
  writeFileSync(summary, '');
  return new Promise((done) => {
    execFile(
      'bash',
      ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script],
      { cwd: dir, env: { ...process.env, ...fixedClock, GITHUB_STEP_SUMMARY: summary, GITHUB_ACTIONS: 'true' } },
      (error, stdout) => {
        done({ code: error ? Number(error.code) : 0, stdout, summary: readFileSync(summary, 'utf8') });
      },
    );
  });
}

describe('validate.yml: checking the changed posts', () => {
  it('annotates and previews only what the pull request adds or changes, past deleted files and images', async () => {
    const dir = pullRequest((r) => {
      r.write(
        'content/posts/2026/12/new.mdx',
        post(`${goodFrontmatter.replace('A good post', 'New post').replace('18:30', '21:30')}\ncampain: agm`),
      );
      r.write('content/posts/2026/12/photo.jpg', 'not really a photo');
      r.remove('content/posts/2026/12/gone.mdx');
    }).dir;
    const result = await runStep(dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '::error file=content/posts/2026/12/new.mdx,line=5,col=1,title=schema/unknown-key::Unknown setting "campain"',
    );
    expect(result.stdout).not.toContain('kept.mdx');
    expect(result.summary).toContain('content/posts/2026/12/new.mdx');
    expect(result.summary).not.toContain('### Kept post');
  });

  it('previews a changed post that passes', async () => {
    const dir = pullRequest((r) =>
      r.write(
        'content/posts/2026/12/kept.mdx',
        post(goodFrontmatter.replace('A good post', 'Kept post, reworded'), 'New words.'),
      ),
    ).dir;
    const result = await runStep(dir);
    expect(result.code).toBe(0);
    expect(result.summary).toContain('### Kept post, reworded');
    expect(result.summary).toContain('New words.');
    expect(result.summary).not.toContain('Gone post');
  });

  it('checks the posts that use a changed image', async () => {
    const dir = pullRequest(
      (r) => r.write('content/posts/2026/12/hall.svg', 'not an image any more'),
      (r) => {
        r.write(
          'content/posts/2026/12/pictured.mdx',
          post(
            `${goodFrontmatter.replace('A good post', 'Pictured post').replace('18:30', '11:00')}\nmedia:\n  - src: ./hall.svg\n    alt: The community hall seen from the river bank\n    rights: owned`,
            'The hall, repainted.',
          ),
        );
        r.write(
          'content/posts/2026/12/hall.svg',
          '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675"/>',
        );
      },
    ).dir;
    const result = await runStep(dir);
    expect(result.stdout).toMatch(
      /::error file=content\/posts\/2026\/12\/pictured\.mdx,line=\d+,col=\d+,title=media\//,
    );
    expect(result.summary).toContain('### Pictured post');
    expect(result.summary).not.toContain('### Kept post');
  });

  it('checks everything when no content changed', async () => {
    const dir = pullRequest((r) => r.write('README.md', '# Test, reworded\n')).dir;
    const result = await runStep(dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Nothing in content/ changed: checking everything.');
    expect(result.summary).toContain('### Kept post');
    expect(result.summary).toContain('### Gone post');
  });
});

describe("pages.yml: checking the site's address", () => {
  const pages = parse(readFileSync('.github/workflows/pages.yml', 'utf8')) as typeof workflow;
  const check = pages.jobs['build']!.steps.find((s) => s.name === 'Check the site address')!.run!;
  const run = (site: string, pagesUrl: string) => {
    repo = TestRepo.create();
    repo.write('content/herald.yaml', `${testConfig}${site}`);
    return new Promise<string>((done) => {
      execFile(
        'bash',
        ['--noprofile', '--norc', '-eo', 'pipefail', '-c', check],
        { cwd: repo.dir, env: { ...process.env, PAGES_URL: pagesUrl } },
        (_error, stdout) => done(stdout),
      );
    });
  };

  it('is quiet when herald.yaml names the address Pages serves', async () => {
    expect(
      await run('site: https://riverside.github.io/social/ # our Pages site\n', 'https://riverside.github.io/social'),
    ).toBe('');
    expect(await run('site: "https://riverside.github.io/social"\n', 'https://riverside.github.io/social')).toBe('');
  });

  it('warns with the address to write when they differ or site is missing', async () => {
    expect(await run('site: https://example.github.io/riverside-social/\n', 'https://riverside.github.io/social')).toBe(
      '::warning title=Site address::content/herald.yaml has site: https://example.github.io/riverside-social/, but GitHub Pages serves this repository at https://riverside.github.io/social/. Set site: https://riverside.github.io/social/ so that links, feeds and the base path are right.\n',
    );
    expect(await run('', 'https://social.riverside.example')).toContain(
      'has site: (none), but GitHub Pages serves this repository at https://social.riverside.example/.',
    );
  });
});
