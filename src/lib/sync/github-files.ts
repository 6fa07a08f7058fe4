import { stringify } from 'yaml';
import type { HouseRules } from '../../schemas/handbook.ts';
import { contentPaths } from '../project/load.ts';
import type { Project } from '../project/model.ts';

/**
 * The files under .github/ that repeat what content/ already says: who reviews what (CODEOWNERS),
 * what a reviewer checks (the pull request template, from the style guide's house rules), and which
 * channels a post idea can name. Generated so they never drift: `herald sync` writes them (with its
 * stamp, src/lib/sync/), and `herald validate` warns when the committed ones are out of date.
 */

export const generatedFiles = {
  codeowners: '.github/CODEOWNERS',
  pullRequestTemplate: '.github/pull_request_template.md',
  postIdeaForm: '.github/ISSUE_TEMPLATE/post-idea.yml',
  issueChooser: '.github/ISSUE_TEMPLATE/config.yml',
} as const;

/** "@ada", "@riverside/social-team": how CODEOWNERS names a login or a team. */
const handle = (reviewer: string) => `@${reviewer.replace(/^@/, '')}`;

/**
 * A handbook owner that is a GitHub account: written with an @, or one of the allowed reviewers.
 * Other owners are roles ("Chair"), which GitHub cannot notify.
 */
function githubOwner(owner: string, reviewers: string[]): string | undefined {
  const name = owner.trim();
  if (/^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9_.-]+)?$/.test(name)) return name;
  const known = reviewers.find((r) => r.toLowerCase() === name.toLowerCase());
  return known ? handle(known) : undefined;
}

/**
 * Who reviews what, as GitHub reads it (the last matching line wins). Everything that is not content
 * (the workflows, src/, scripts/, package*.json, astro.config.ts, the tooling) goes to the
 * maintainers, and so does herald.yaml: it decides where posts are sent and under whose approval.
 * Posts and their images go to the reviewers. Handbook pages go to the reviewers too, and to a page's
 * owner when that is a GitHub account: they are MDX, but the loader refuses code in them and the site
 * never builds a page with code (src/lib/views/handbook-code.ts, reviewed by the maintainers), so their
 * words are all a page owner reviews.
 */
export function codeowners(project: Project): string {
  const approvals = project.config?.approvals;
  const reviewers = approvals?.reviewers ?? [];
  const maintainers = approvals?.maintainers?.length ? approvals.maintainers : reviewers;
  const owners = (logins: readonly string[]) => [...new Set(logins.map(handle))].join(' ');
  const team = owners(reviewers);
  const code = owners(maintainers);
  const lines = [
    '# Maintainers (approvals.maintainers in content/herald.yaml, or the reviewers when unset) review',
    '# everything but content: the workflows, src/, scripts/, package*.json, astro.config.*, and',
    '# content/herald.yaml, which decides where posts go and under whose approval. Reviewers',
    '# (approvals.reviewers) review posts and handbook pages; a handbook page whose owner: is a GitHub',
    '# account (@login, @org/team, or one of the reviewers) is also reviewed by that owner. Handbook',
    '# pages can run no code: the site refuses MDX with code (see docs/setup.md, "Who reviews what").',
    '',
  ];
  if (!team && !code) {
    lines.push(
      '# approvals.reviewers and approvals.maintainers are empty: anyone with write access reviews, so no code owners are set.',
    );
    return lines.join('\n') + '\n';
  }
  // A line without owners lifts the one above it: anyone with write access may review there.
  const rows: [string, string][] = [
    ['*', code],
    ['/content/', team],
    [`/${contentPaths.config}`, code],
  ];
  for (const page of [...project.handbook].sort((a, b) => a.file.localeCompare(b.file))) {
    const owner = githubOwner(page.owner, reviewers);
    // The team stays on too, so a page can be changed while its owner is away.
    if (owner) rows.push([`/${page.file}`, owners([owner, ...reviewers])]);
  }
  const width = Math.max(...rows.map(([path]) => path.length));
  return [...lines, ...rows.map(([path, who]) => `${path.padEnd(width)}  ${who}`.trimEnd())].join('\n') + '\n';
}

/** The checklist a reviewer goes through: the policy's checks, then each house rule in words. */
export function pullRequestTemplate(project: Project): string {
  const rules = project.houseRules;
  const style = project.handbook.find((page) => page.houseRules);
  const policy = project.handbook.find((page) => page.slug === 'social-media-policy');
  const link = (page: { file: string; title: string } | undefined, fallback: string) =>
    page ? `${page.title}, \`${page.file}\`` : fallback;
  const required = project.config?.approvals.required ?? 1;
  return [
    '',
    '## What is this post for?',
    '',
    '<!-- One or two sentences: the goal, the audience, and why on this day. -->',
    '',
    '## Before asking for review',
    '',
    '- [ ] The **Validate** check passes, and I read its summary: the exact text each network receives, the counts, the thread parts and the alt texts.',
    '- [ ] The post is in `content/posts/YYYY/MM/`, for the month it goes out, and `publishAt` is the local time we mean.',
    '',
    `## Policy (${link(policy, 'social media policy')})`,
    '',
    '- [ ] Facts, dates, times, names and links are checked twice.',
    '- [ ] No personal data about a member or neighbour (address, phone number, casework) without their clear agreement.',
    "- [ ] Everyone recognisable in a photo agreed to it; no child under 16 without written consent from a parent or guardian, and never a child's name, school or street.",
    '- [ ] Photos and figures from others are credited (`rights`, `credit`, `expiresAt` when the licence ends).',
    '- [ ] Politically neutral: no party, candidate or elected politician endorsed or attacked; positions only as the board agreed them.',
    '- [ ] Nothing promised that the board has not agreed.',
    '',
    `## House rules (${link(style, 'style guide')}; Validate checks these, a reviewer confirms)`,
    '',
    ...houseRuleChecks(rules),
    '',
    '## For reviewers',
    '',
    `- An approval counts only for the exact version you approve (${required} approval${required === 1 ? '' : 's'} needed, more for some channels: see \`approvals\` in content/herald.yaml). If the file changes after you approve, approve again.`,
    '- Read the preview in the Validate summary, not only the file.',
    '',
  ].join('\n');
}

function houseRuleChecks(rules: HouseRules | undefined): string[] {
  if (!rules) return ['- [ ] The style guide has no machine-checked house rules yet: check the post against its text.'];
  const checks: string[] = [];
  if (rules.bannedPhrases.length > 0) {
    checks.push(
      `- [ ] None of the phrases we avoid: ${rules.bannedPhrases.map((b) => `"${b.phrase}"${b.use ? ` (write: ${b.use})` : ''}`).join('; ')}.`,
    );
  }
  for (const [language, words] of Object.entries(rules.firstPerson)) {
    if (words.length > 0)
      checks.push(`- [ ] We speak as "we": no first person singular (${language}: ${words.join(', ')}).`);
  }
  if (rules.maxHashtags !== undefined)
    checks.push(`- [ ] At most ${rules.maxHashtags} hashtag${rules.maxHashtags === 1 ? '' : 's'} per post.`);
  if (rules.ownDomains.length > 0 && rules.trackingParameters.length > 0) {
    checks.push(`- [ ] Links to ${rules.ownDomains.join(', ')} carry ${rules.trackingParameters.join(', ')}.`);
  }
  if (rules.linkShorteners.length > 0)
    checks.push(`- [ ] No link shorteners (${rules.linkShorteners.join(', ')}): people should see where a link goes.`);
  checks.push(
    `- [ ] Every image has alt text of at least ${rules.altText.minLength} character${rules.altText.minLength === 1 ? '' : 's'} that says what the image shows.`,
  );
  return checks;
}

/** The "post idea" issue form, offering the channels herald.yaml defines. */
export function postIdeaForm(project: Project): string {
  const channels = Object.values(project.channels).map((c) => `${c.id} (${c.network}${c.name ? `, ${c.name}` : ''})`);
  const form = {
    name: 'Post idea',
    description: 'Suggest something we could post. Someone on the content team turns it into a pull request.',
    title: '[Post idea]: ',
    labels: ['post idea'],
    body: [
      {
        type: 'markdown',
        attributes: {
          value: `Thanks! Describe the idea; nobody needs to write the final text here. If you can, propose the post yourself as a pull request: the handbook explains how.`,
        },
      },
      {
        type: 'textarea',
        id: 'idea',
        attributes: { label: 'What should we say?', description: 'The message in a few sentences, and who it is for.' },
        validations: { required: true },
      },
      {
        type: 'input',
        id: 'when',
        attributes: {
          label: 'When should it go out?',
          description:
            'A date and time, or "any time in March". Allow three working days for review, two weeks for X, LinkedIn or anything with partners.',
          placeholder: '2026-12-03 18:30',
        },
        validations: { required: true },
      },
      ...(channels.length > 0
        ? [{ type: 'dropdown', id: 'channels', attributes: { label: 'Where?', multiple: true, options: channels } }]
        : []),
      {
        type: 'input',
        id: 'link',
        attributes: { label: 'Link', description: 'Where people can read more, if anywhere.', placeholder: 'https://' },
      },
      {
        type: 'textarea',
        id: 'images',
        attributes: {
          label: 'Images',
          description: 'Attach them here, say who took them, and whether everyone recognisable agreed to be shown.',
        },
      },
      {
        type: 'checkboxes',
        id: 'policy',
        attributes: {
          label: 'Policy',
          options: [
            { label: 'The idea contains no personal data about anyone who has not agreed to it.', required: true },
          ],
        },
      },
    ],
  };
  return stringify(form, { lineWidth: 0 });
}

/** The issue chooser: blank issues stay possible, and the crisis playbook is one click away. */
export function issueChooser(project: Project): string {
  const config = project.config;
  const playbook = project.handbook.find((page) => page.slug === 'crisis-playbook');
  const links =
    config && playbook
      ? [
          {
            name: 'Crisis playbook',
            url: `https://github.com/${config.repository}/blob/${config.defaultBranch}/${playbook.file}`,
            about: 'What to do in the first 15 minutes. Pause publishing before anything else.',
          },
        ]
      : [];
  return stringify({ blank_issues_enabled: true, contact_links: links }, { lineWidth: 0 });
}
