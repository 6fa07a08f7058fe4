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

function scaffold(repository: string) {
  const answers: InitAnswers = {
    organization: 'Harbour',
    timezone: 'Europe/Warsaw',
    locale: 'en',
    repository,
    channels: [{ id: 'x', network: 'x', name: '@a', handle: 'a' }],
  };
  const files = scaffoldFiles(answers, { 'content/herald.yaml': 'site: {{site}}\n' }, herald, testNow);
  return { site: files['content/herald.yaml'], name: JSON.parse(files['package.json']!).name };
}

describe('the scaffold of herald init', () => {
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
