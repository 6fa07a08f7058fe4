import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/lib/rules/index.ts';
import { file, load, post, testConfig, testNow } from '../../helpers/project.ts';

/** The test herald.yaml with `locale:` on line 3. */
const withLocale = (locale: string, more = '') =>
  testConfig.replace('timezone: Europe/Warsaw\n', `timezone: Europe/Warsaw\nlocale: ${locale}\n`) + more;

describe('locale in herald.yaml', () => {
  it.each(['en', 'en-GB', 'en-US-u-fw-mon', 'fa', 'fa-IR'])(
    'accepts %s, whose language the interface speaks',
    (locale) => {
      const project = load([], withLocale(locale));
      expect(project.problems).toEqual([]);
      expect(project.config?.locale).toBe(locale);
    },
  );

  it.each(['en_GB', 'english language', 'e'])('refuses %s, which is no language tag, at its line', (locale) => {
    const project = load([], withLocale(locale));
    expect(project.problems).toEqual([
      expect.objectContaining({ file: 'content/herald.yaml', line: 3, rule: 'schema/value', severity: 'error' }),
    ]);
    expect(project.problems[0]!.message).toContain('en-GB');
  });

  it('warns that the interface will be English for a language it is not translated into, naming the ones there are', () => {
    const project = load([], withLocale('pl'));
    expect(project.config?.locale).toBe('pl');
    expect(project.problems).toEqual([
      expect.objectContaining({
        file: 'content/herald.yaml',
        line: 3,
        column: 9,
        rule: 'config/interface-language',
        severity: 'warning',
      }),
    ]);
    const { message } = project.problems[0]!;
    expect(message).toContain('not translated into Polish (pl)');
    expect(message).toContain('Interface languages: English (en), Persian (fa).');
  });

  it('lets herald.yaml turn that warning off', () => {
    const project = load([], withLocale('pl', 'rules:\n  config/interface-language: off\n'));
    expect(lint(project, { now: testNow })).toEqual([]);
  });
});

describe('lang on a handbook page', () => {
  const page = (lang: string) =>
    file(
      'content/handbook/policy.mdx',
      post(
        `title: Policy\ndescription: What we do\nowner: Chair\nlastReviewed: 2026-06-01\nreviewEvery: P1Y\nlang: ${lang}`,
        '# Policy\n',
      ),
    );

  it('is a language tag like locale', () => {
    expect(load([page('fa')]).problems).toEqual([]);
    expect(load([page('fa_IR')]).problems).toEqual([
      expect.objectContaining({ file: 'content/handbook/policy.mdx', line: 7, rule: 'schema/value' }),
    ]);
  });
});
