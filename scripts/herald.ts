#!/usr/bin/env node
/**
 * The command line: `herald <command> [options]`. Each command lives in scripts/commands/ and returns
 * its exit code; this file only dispatches and turns an unexpected failure into exit code 2.
 */
import { HelpRequested, UsageError } from './cli.ts';
import { approvals } from './commands/approvals.ts';
import { calendar } from './commands/calendar.ts';
import { newPost } from './commands/new.ts';
import { publish } from './commands/publish.ts';
import { validate } from './commands/validate.ts';
import { maskOutput } from './mask-output.ts';

const commands: Record<string, { run: (args: string[]) => Promise<number>; summary: string }> = {
  validate: { run: validate, summary: 'check posts, handbook pages and herald.yaml' },
  new: { run: newPost, summary: 'create a post, asking for what the options do not give' },
  publish: { run: publish, summary: 'publish the posts that are due, exactly once, and record them' },
  calendar: { run: calendar, summary: 'print the plan for a period: text, iCalendar or JSON' },
  approvals: { run: (args) => approvals(args), summary: 'explain which posts are cleared to publish, and why' },
};

function help(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  return [
    'Usage: herald <command> [options]',
    '',
    ...Object.entries(commands).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`),
    '',
    'Run herald <command> --help for the options of a command.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`herald: unknown command "${name}".\n\n${help()}`);
    return 2;
  }
  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof HelpRequested) {
      console.log(error.message);
      return 0;
    }
    if (error instanceof UsageError) {
      console.error(`herald ${name}: ${error.message}`);
      return 2;
    }
    console.error(`herald ${name} could not run: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env['HERALD_DEBUG']) console.error(error);
    return 2;
  }
}

maskOutput(process.env);
process.exitCode = await main(process.argv.slice(2));
