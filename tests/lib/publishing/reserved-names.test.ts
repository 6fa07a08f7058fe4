import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/lib/rules/index.ts';
import { plan } from '../../../src/lib/publishing/schedule.ts';
import { emptyLedger } from '../../../src/schemas/ledger.ts';
import { file, goodFrontmatter, load, post, testConfig, testNow } from '../../helpers/project.ts';

/**
 * Every JavaScript object already has these properties. An id that is one of them must never reach
 * code that looks ids up in an object: `channels["constructor"]` would find Object itself.
 */
const names = Object.getOwnPropertyNames(Object.prototype);

function herald(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('GITHUB_') && !name.startsWith('HERALD_')),
  );
  return new Promise((done) => {
    execFile(process.execPath, [resolve('scripts/herald.ts'), ...args], { cwd, env }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

const configWithChannel = (id: string) =>
  `${testConfig}  - id: ${JSON.stringify(id)}\n    network: mastodon\n    instance: https://example.social\n`;

describe('names every JavaScript object has', () => {
  it('are the names this test tries', () => {
    expect(names).toEqual(
      expect.arrayContaining(['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty']),
    );
  });

  it.each(names)('"%s" is refused as a channel id, at its line, and lint does not crash', (name) => {
    const project = load([file('content/posts/2026/12/a.mdx', post(goodFrontmatter))], configWithChannel(name));
    const problem = project.problems.find((p) => p.file === 'content/herald.yaml' && p.severity === 'error');
    expect(problem).toMatchObject({ line: 13 });
    expect(problem!.message).toMatch(
      name === 'constructor'
        ? /"constructor" is a name every JavaScript object has/
        : /lower-case letters, digits and single hyphens/,
    );
    expect(() => lint(project, { now: testNow })).not.toThrow();
  });

  it.each(names)('"%s" is refused as a post id, at its line', (name) => {
    const project = load([
      file('content/posts/2026/12/a.mdx', post(`${goodFrontmatter}\nid: ${JSON.stringify(name)}`)),
    ]);
    expect(project.posts).toEqual([]);
    const problem = project.problems.find((p) => p.severity === 'error');
    expect(problem).toMatchObject({ file: 'content/posts/2026/12/a.mdx', line: 5 });
    expect(() => lint(project, { now: testNow })).not.toThrow();
  });

  it.each(names)('"%s" is refused as a file name, which would be the post id', (name) => {
    const project = load([file(`content/posts/2026/12/${name}.mdx`, post(goodFrontmatter))]);
    expect(project.posts).toEqual([]);
    expect(project.problems.find((p) => p.severity === 'error')).toMatchObject({ rule: 'post/id', line: 1 });
    expect(() => lint(project, { now: testNow })).not.toThrow();
  });

  it.each(names)('"%s" as a channel a post names is an unknown channel, not Object itself', (name) => {
    const project = load([
      file(
        'content/posts/2026/12/a.mdx',
        post(`title: A\npublishAt: 2026-12-03 18:30\nchannels: [mastodon, ${JSON.stringify(name)}]`),
      ),
    ]);
    expect(project.problems.some((p) => p.severity === 'error' && p.line === 4)).toBe(true);
    expect(project.posts).toEqual([]);
  });

  it('as labels, a campaign, variant keys, approval channels and rule settings, they are reported or harmless: nothing crashes', async () => {
    const quoted = names.map((name) => JSON.stringify(name));
    const config = `${testConfig}approvals:\n  channels:\n${names.map((n) => `    ${JSON.stringify(n)}: { required: 1 }`).join('\n')}\nrules:\n${names.map((n) => `  ${JSON.stringify(n)}: warn`).join('\n')}\n`;
    const variants = names.map((n) => `  ${JSON.stringify(n)}: Variant text`).join('\n');
    const project = load(
      [
        file(
          'content/posts/2026/12/a.mdx',
          post(`${goodFrontmatter}\nlabels: [${quoted.join(', ')}]\ncampaign: constructor\nvariants:\n${variants}`),
        ),
        file(
          'content/posts/2026/12/b.mdx',
          post(`title: B\npublishAt: 2026-12-04 18:30\nchannels: [mastodon]\nlabels: [${quoted.join(', ')}]`),
        ),
      ],
      config,
    );
    const problems = lint(project, { now: testNow });
    // Every approval channel, rule setting and variant named so is reported at its line; __proto__,
    // which the schema check would drop without a word, as a name that cannot be used.
    const others = names.length - 1;
    expect(problems.filter((p) => p.rule === 'config/unknown-channel')).toHaveLength(others);
    expect(
      problems.filter((p) => p.file === 'content/posts/2026/12/a.mdx' && p.rule === 'post/unknown-variant'),
    ).toHaveLength(others);
    expect(problems.filter((p) => p.rule === 'yaml/reserved-key').map((p) => [p.file, p.line])).toEqual([
      ['content/herald.yaml', 15 + names.indexOf('__proto__')],
      ['content/herald.yaml', 16 + names.length + names.indexOf('__proto__')],
      ['content/posts/2026/12/a.mdx', 8 + names.indexOf('__proto__')],
    ]);
    // The post with only odd labels is fine; the calendar and the publisher see it as it is.
    const b = project.posts.find((p) => p.id === 'b')!;
    expect(b.labels).toEqual(names);
    expect(
      plan(project, emptyLedger(), { now: '2026-12-04T17:31:00Z', window: 'PT2H' }).map((d) => [
        d.key,
        d.channel.network,
      ]),
    ).toEqual([['b/mastodon', 'mastodon']]);

    // The same files through the command line: validate reports (exit 1), calendar and a dry run go on.
    const dir = await mkdtemp(join(tmpdir(), 'herald-reserved-'));
    try {
      const files = {
        'content/herald.yaml': config,
        'content/posts/2026/12/a.mdx': post(
          `${goodFrontmatter}\nlabels: [${quoted.join(', ')}]\ncampaign: constructor\nvariants:\n${variants}`,
        ),
        'content/posts/2026/12/b.mdx': post(
          `title: B\npublishAt: 2026-12-04 18:30\nchannels: [mastodon]\nlabels: [${quoted.join(', ')}]`,
        ),
      };
      for (const [path, text] of Object.entries(files)) {
        await mkdir(dirname(join(dir, path)), { recursive: true });
        await writeFile(join(dir, path), text);
      }
      const validate = await herald(dir, ['validate', '--format', 'json', '--now', '2026-11-23T12:00:00Z']);
      expect(validate.code).toBe(1);
      expect(JSON.parse(validate.stdout).errors.length).toBeGreaterThan(names.length);
      const calendar = await herald(dir, [
        'calendar',
        '--from',
        '2026-12-01',
        '--to',
        '2026-12-31',
        '--format',
        'json',
        '--now',
        '2026-11-23T12:00:00Z',
      ]);
      // herald.yaml names them as approval channels, an error: calendar and publish stop at it, with the line, and nothing crashes.
      expect(calendar.code).toBe(2);
      expect(calendar.stderr).toContain(
        'content/herald.yaml:15:5  approvals.channels names "constructor", which is neither a channel id nor a network.',
      );
      const dry = await herald(dir, ['publish', '--dry-run', '--now', '2026-12-04T17:31:00Z']);
      expect(dry.code).toBe(2);
      expect(dry.stderr).toContain('approvals.channels names "constructor"');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
