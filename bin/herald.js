#!/usr/bin/env node
// The `herald` command. Installed from the package it runs the compiled build, because Node does not
// strip types inside node_modules; in Herald's own repository, where the sources are, it runs them.
import { existsSync } from 'node:fs';

const source = new URL('../scripts/herald.ts', import.meta.url);
await import(existsSync(source) ? source.href : new URL('../build/scripts/herald.js', import.meta.url).href);
