#!/usr/bin/env node
// The `herald` command. Installed from the package it runs the compiled build, because Node does not
// strip types inside node_modules; in Herald's own repository, where the sources are, it runs them.
// Plain JavaScript without top-level await, so that an older Node reads it and can be told what to use.
import { existsSync, readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const needed = /(\d+)\.(\d+)/.exec(manifest.engines.node).slice(1).map(Number);
const running = process.versions.node.split('.').map(Number);
if (running[0] < needed[0] || (running[0] === needed[0] && running[1] < needed[1])) {
  console.error(
    `Herald needs Node ${needed.join('.')} or later; this is Node ${process.versions.node} (on Linux x64, \`npm ci\` brings Node 24: run it through npm, e.g. npx herald ${process.argv.slice(2).join(' ') || 'validate'}).`,
  );
  process.exit(2);
}

const source = new URL('../scripts/herald.ts', import.meta.url);
import(existsSync(source) ? source.href : new URL('../build/scripts/herald.js', import.meta.url).href);
