import { editorFiles } from './editor.ts';
import {
  codeowners,
  generatedFiles as githubFiles,
  issueChooser,
  postIdeaForm,
  pullRequestTemplate,
} from './github-files.ts';
import type { Project } from '../project/model.ts';
import { credentialVariables } from '../networks/profiles.ts';
import { fillPlaceholders } from './placeholders.ts';
import { stamped, type GeneratedFrom } from './stamp.ts';

/** Files by their path from the project root. */
export type Files = Readonly<Record<string, string>>;

/** What an installed Herald brings to the files it generates. */
export interface HeraldRelease {
  version: string;
  /** templates/github/ of the installed package, by path under it (e.g. `workflows/publish.yml`). */
  githubTemplates: Files;
}

/**
 * Every file `herald sync` writes into a project, stamped with the release's version: the workflows
 * and static issue forms from the release's templates (the default branch and each channel's
 * credential variables filled in), the .github files that repeat what content/ says, and the JSON
 * Schemas and editor settings.
 */
export function generatedFiles(project: Project, release: HeraldRelease): Files {
  // What the publish step passes on: one variable per credential of each channel.
  const credentials = (project.config?.channels ?? []).flatMap(credentialVariables);
  const values = {
    // A YAML double-quoted scalar (which JSON's string syntax is), so no branch name reads as YAML syntax.
    defaultBranch: JSON.stringify(project.config?.defaultBranch ?? 'main'),
    credentials: credentials.map((name) => `${name}: \${{ secrets.${name} }}`).join('\n'),
  };
  const files: [string, string, GeneratedFrom][] = [
    ...Object.entries(release.githubTemplates).map(([path, template]): [string, string, GeneratedFrom] => {
      const text = fillPlaceholders(template, values, `templates/github/${path}`);
      return [`.github/${path}`, text, text === template ? 'templates' : 'content'];
    }),
    [githubFiles.codeowners, codeowners(project), 'content'],
    [githubFiles.pullRequestTemplate, pullRequestTemplate(project), 'content'],
    [githubFiles.postIdeaForm, postIdeaForm(project), 'content'],
    [githubFiles.issueChooser, issueChooser(project), 'content'],
    ...Object.entries(editorFiles()).map(([path, text]): [string, string, GeneratedFrom] => [path, text, 'templates']),
  ];
  return Object.fromEntries(
    files
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([path, text, from]) => [path, stamped(path, text, release.version, from)]),
  );
}
