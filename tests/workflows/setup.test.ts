import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { configuredFor } from '../../src/lib/publishing/configured.ts';
import { installHerald } from '../helpers/installed-herald.ts';
import { fixedClock } from '../helpers/project.ts';

/**
 * A repository made with "Use this template" carries the example's herald.yaml and posts. Its
 * scheduled workflows must stay green and publish nothing, and say why, until step 2 of
 * docs/setup.md names the new repository in herald.yaml: the check step, run with bash as the
 * runner runs it, and the steps it guards, read from the workflow files.
 */

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
}
interface Job {
  if?: string;
  needs?: string | string[];
  outputs?: Record<string, string>;
  steps?: Step[];
}

const workflow = (name: string) =>
  parse(readFileSync(join('.github/workflows', name), 'utf8')) as { jobs: Record<string, Job> };
const guarded = "steps.setup.outputs.configured == 'true'";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/**
 * A fresh copy of the example (this repository's content/), where the runner checked it out, with
 * Herald installed as npm ci installs it: node_modules/herald and its bin.
 */
function fromTemplate(): string {
  dir = mkdtempSync(join(tmpdir(), 'herald-template-'));
  cpSync('content', join(dir, 'content'), { recursive: true });
  installHerald(dir);
  return dir;
}

function runCheck(
  cwd: string,
  repository: string,
): Promise<{ code: number; stdout: string; stderr: string; output: string }> {
  const step = workflow('publish.yml').jobs['publish']!.steps!.find((s) => s.id === 'setup')!;
  const output = join(cwd, 'github-output');
  writeFileSync(output, '');
  const env = {
    ...process.env,
    ...fixedClock,
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: repository,
    GITHUB_OUTPUT: output,
  };
  return new Promise((done) => {
    execFile(
      'bash',
      ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!],
      { cwd, env },
      (error, stdout, stderr) => {
        done({ code: error ? Number(error.code) : 0, stdout, stderr, output: readFileSync(output, 'utf8') });
      },
    );
  });
}

describe('a repository made from the template', () => {
  it("is not set up while herald.yaml names the example's repository: the check passes, says why, and tells the steps to stand still", async () => {
    const result = await runCheck(fromTemplate(), 'riverside/social');
    expect(result.code).toBe(0);
    expect(result.output).toBe('configured=false\n');
    expect(result.stdout).toBe(
      '::notice title=Herald is not set up in this repository yet::content/herald.yaml describes example/riverside-social, not this repository (riverside/social), so nothing is published and no site is built here yet. To start, make the example yours: set repository: riverside/social in content/herald.yaml (docs/setup.md, step 2).\n',
    );
  });

  it('is set up once herald.yaml names it, whatever the case of the letters', async () => {
    const cwd = fromTemplate();
    const yaml = join(cwd, 'content/herald.yaml');
    writeFileSync(
      yaml,
      readFileSync(yaml, 'utf8').replace('repository: example/riverside-social', 'repository: Riverside/Social'),
    );
    const result = await runCheck(cwd, 'riverside/social');
    expect(result).toMatchObject({ code: 0, stdout: '', output: 'configured=true\n' });
  });

  it('leaves a herald.yaml that cannot be read to the steps that report it', () => {
    expect(configuredFor(undefined, 'riverside/social')).toEqual({ configured: true });
  });
});

describe('the steps the check guards', () => {
  /** Every step after the check in a job runs only when the repository is set up. */
  const afterCheck = (job: Job) => {
    const steps = job.steps ?? [];
    const check = steps.findIndex((step) => step.id === 'setup');
    expect(check, 'the job has the check step').toBeGreaterThan(-1);
    expect(steps[check]!.run).toBe('npx --no herald setup-check');
    return steps.slice(check + 1);
  };

  it.each([
    ['publish.yml', 'publish'],
    ['publish.yml', 'keepalive'],
    ['pages.yml', 'build'],
  ])('%s, job %s: nothing after the check runs in a repository that is not set up', (name, jobName) => {
    const after = afterCheck(workflow(name).jobs[jobName]!);
    expect(after.length).toBeGreaterThan(0);
    for (const step of after) expect(step.if, step.name ?? step.uses ?? step.id).toBe(guarded);
  });

  it('publish.yml sends nothing before the check', () => {
    const steps = workflow('publish.yml').jobs['publish']!.steps!;
    const check = steps.findIndex((step) => step.id === 'setup');
    expect(steps.findIndex((step) => step.run?.includes('herald publish'))).toBeGreaterThan(check);
  });

  it('pages.yml deploys only what a set-up repository built', () => {
    const { build, deploy } = workflow('pages.yml').jobs;
    expect(build!.outputs?.['configured']).toBe('${{ steps.setup.outputs.configured }}');
    expect(deploy!.if).toBe("needs.build.outputs.configured == 'true'");
  });
});
