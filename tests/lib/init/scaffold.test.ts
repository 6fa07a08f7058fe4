import { describe, expect, it } from 'vitest';
import type { InitAnswers } from '../../../src/lib/init/answers.ts';
import { scaffoldFiles, type HeraldPackage } from '../../../src/lib/init/scaffold.ts';
import { testNow } from '../../helpers/project.ts';

const herald: HeraldPackage = {
  version: '1.0.0',
  engines: { node: '>=22.18' },
  astro: '^7.0.0',
  nodeLinuxX64: '24.0.0',
  overrides: {},
  editorTools: {},
  allowScripts: {},
};

const page = '---\ntitle: Policy\n---\n\nWe at {{organization}} post.\n';

function scaffold(repository: string, locale = 'en') {
  const answers: InitAnswers = {
    organization: 'Harbour',
    timezone: 'Europe/Warsaw',
    locale,
    repository,
    channels: [{ id: 'x', network: 'x', name: '@a', handle: 'a' }],
  };
  const templates = { 'content/herald.yaml': 'site: {{site}}\n', 'content/handbook/policy.mdx': page };
  const files = scaffoldFiles(answers, templates, herald, testNow);
  return {
    site: files['content/herald.yaml'],
    name: JSON.parse(files['package.json']!).name,
    policy: files['content/handbook/policy.mdx'],
  };
}

describe('the scaffold of herald init', () => {
  it('marks the English starter handbook as English in an organisation of another language, so it reads left to right', () => {
    expect(scaffold('Harbour/social', 'fa-IR').policy).toBe(
      '---\nlang: en\ntitle: Policy\n---\n\nWe at Harbour post.\n',
    );
    expect(scaffold('Harbour/social', 'en-GB').policy).toBe('---\ntitle: Policy\n---\n\nWe at Harbour post.\n');
  });

  it('serves a repository under its name, and a pages repository (owner.github.io) at the root', () => {
    expect(scaffold('Harbour/social').site).toBe('site: https://harbour.github.io/social/\n');
    expect(scaffold('Foo/foo.github.io').site).toBe('site: https://foo.github.io/\n');
  });

  it.each([
    ['foo/_Hidden.Repo', 'hidden.repo'],
    ['foo/.config', 'config'],
    ['foo/__', 'herald-site'],
    ['foo/My Repo', 'my-repo'],
  ])('names the package of %s %s, a name npm takes', (repository, name) => {
    expect(scaffold(repository).name).toBe(name);
  });
});
