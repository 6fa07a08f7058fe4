/**
 * `npm run github-files`: writes .github/CODEOWNERS, the pull request template, the post idea form
 * and the issue chooser from content/ (see src/lib/github-files.ts). Run it after changing approvals.reviewers, a
 * handbook page's owner, the house rules or the channels.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { codeowners, generatedFiles, issueChooser, postIdeaForm, pullRequestTemplate } from '../src/lib/github-files.ts';
import { parseProject } from '../src/lib/load.ts';
import { readContent } from '../src/lib/read-content.ts';
import { projectRoot } from './cli.ts';

const root = projectRoot();
const project = parseProject(await readContent(root), { now: Date.now() });
const files = {
  [generatedFiles.codeowners]: codeowners(project),
  [generatedFiles.pullRequestTemplate]: pullRequestTemplate(project),
  [generatedFiles.postIdeaForm]: postIdeaForm(project),
  [generatedFiles.issueChooser]: issueChooser(project),
};
for (const [path, text] of Object.entries(files)) {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), text);
  console.log(`wrote ${path}`);
}
