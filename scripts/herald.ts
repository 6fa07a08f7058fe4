#!/usr/bin/env node
/**
 * The command line: `herald <command> [options]`. Each command lives in scripts/commands/ and returns
 * its exit code; this file only dispatches and turns an unexpected failure into exit code 2.
 */
import { suggest } from '../src/lib/project/schema-issues.ts';
import { runCommand } from './cli.ts';
import { heraldVersion } from './herald-package.ts';
import { maskOutput } from './mask-output.ts';

// Each command is imported when it runs: validate need not load the networks' clients that publish uses.
const commands: Record<string, { run: (args: string[]) => Promise<number>; summary: string }> = {
  validate: {
    run: async (args) => (await import('./commands/validate.ts')).validate(args),
    summary: 'check posts, handbook pages and herald.yaml',
  },
  new: {
    run: async (args) => (await import('./commands/new.ts')).newPost(args),
    summary: 'create a post, asking for what the options do not give',
  },
  publish: {
    run: async (args) => (await import('./commands/publish.ts')).publish(args),
    summary: 'publish the posts that are due, exactly once, and record them',
  },
  calendar: {
    run: async (args) => (await import('./commands/calendar.ts')).calendar(args),
    summary: 'print the plan for a period: text, iCalendar or JSON',
  },
  approvals: {
    run: async (args) => (await import('./commands/approvals.ts')).approvals(args),
    summary: 'explain which posts are cleared to publish, and why',
  },
  ledger: {
    run: async (args) => (await import('./commands/ledger.ts')).ledger(args),
    summary: 'start, check and settle the publishing ledger',
  },
  init: {
    run: async (args) => (await import('./commands/init.ts')).init(args),
    summary: "start a new organisation's repository in an empty folder",
  },
  sync: {
    run: async (args) => (await import('./commands/sync.ts')).sync(args),
    summary: 'rewrite the files Herald generates, after an upgrade or a change in content/',
  },
  'setup-check': {
    run: async (args) => (await import('./commands/setup-check.ts')).setupCheck(args),
    summary: 'in a workflow: tell the next steps whether herald.yaml names this repository',
  },
  keepalive: {
    run: async (args) => (await import('./commands/keepalive.ts')).keepalive(args),
    summary: 'in a workflow: keep GitHub from pausing the publishing schedule',
  },
};

function help(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  return [
    'Usage: herald <command> [options]',
    '',
    ...Object.entries(commands).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`),
    '',
    'Run herald <command> --help for the options of a command, herald --version for the installed version.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    console.log(heraldVersion);
    return 0;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    const near = suggest(name, Object.keys(commands));
    console.error(`herald: there is no command "${name}".${near ? ` Did you mean herald ${near}?` : ''}\n\n${help()}`);
    return 2;
  }
  return runCommand(name, () => command.run(args));
}

maskOutput(process.env);
process.exitCode = await main(process.argv.slice(2));
