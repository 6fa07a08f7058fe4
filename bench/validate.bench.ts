/**
 * `herald validate` on 10,000 generated posts: reading, parsing and every rule, against merely
 * reading and parsing the same files, measured in the same run. Targets: at most 2 s, and at most
 * 3 times the time of reading and parsing.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseProject } from '../src/lib/load.ts';
import { readContent } from '../src/lib/read-content.ts';
import { lint } from '../src/lib/rules/index.ts';
import { generateProject } from './generate.ts';
import { measure, report } from './harness.ts';

const count = 10_000;
/** Before the first generated post, so no post is in the past. */
const now = Date.parse('2027-01-01T00:00:00Z');

/** House rules of the kind a real style guide has, so every rule does its work. */
const styleGuide = `---
title: Style guide
description: How we write.
owner: Communications lead
lastReviewed: 2026-11-01
reviewEvery: P1Y
houseRules:
  bannedPhrases:
    - { phrase: click here, use: a link on words that say where it goes }
    - { phrase: utilise, use: use }
    - { phrase: stakeholders, use: neighbours }
  firstPerson:
    en: [I, me, my, mine]
    pl: [ja, mnie, mój, moja]
  maxHashtags: 3
  ownDomains: [riverside.example]
  trackingParameters: [utm_source, utm_medium]
  linkShorteners: [bit.ly, tinyurl.com]
  altText: { minLength: 20 }
---
How we write.
`;

const dir = await mkdtemp(join(tmpdir(), 'herald-bench-validate-'));
try {
  await generateProject(dir, count);
  await writeFile(join(dir, 'content', 'handbook', 'style-guide.mdx'), styleGuide);

  const readAndParse = async () => parseProject(await readContent(dir), { now });
  const validate = async () => {
    const project = await readAndParse();
    return { project, problems: lint(project, { now, delivered: new Set() }) };
  };
  const { project, problems } = await validate();
  if (project.posts.length !== count) throw new Error(`expected ${count} posts, loaded ${project.posts.length}: ${JSON.stringify(project.problems.slice(0, 3))}`);
  // The generator repeats its X variants, so the duplicate-text rule has findings to report too.
  const byRule = Map.groupBy(problems, (p) => p.rule);
  console.error(`validate found: ${[...byRule].map(([rule, list]) => `${rule} ${list.length}`).join(', ') || 'nothing'}`);

  const n = count.toLocaleString('en');
  const baseline = await measure(`read and parse ${n} posts (same files)`, readAndParse);
  const validated = await measure(`validate ${n} posts (read, parse, every rule)`, validate);
  const ratio = validated.ms / baseline.ms;
  report([baseline, validated], [
    { name: `validate ${n} posts in at most 2 s`, pass: validated.ms <= 2000, detail: `${validated.ms.toFixed(0)} ms` },
    { name: 'validate at most 3× read and parse', pass: ratio <= 3, detail: `${ratio.toFixed(2)}× (${validated.ms.toFixed(0)} / ${baseline.ms.toFixed(0)} ms)` },
  ]);
} finally {
  await rm(dir, { recursive: true, force: true });
}
