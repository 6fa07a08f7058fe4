import type { FrontmatterSource } from './model.ts';
import type { Position } from './problems.ts';
import { lazyLocator, type YamlLocator, type YamlPath } from './yaml.ts';

/**
 * Where a front matter value (or key) of a loaded post or page stands in its file, for findings
 * that point at it. Positions are worked out on the first question about a file, not for every file.
 */
const locators = new WeakMap<FrontmatterSource, YamlLocator>();

function locatorOf(source: FrontmatterSource): YamlLocator {
  let found = locators.get(source);
  if (!found) {
    found = lazyLocator(source.text, source.line);
    locators.set(source, found);
  }
  return found;
}

export function locate(source: FrontmatterSource, path: YamlPath): Position {
  return locatorOf(source).valueAt(path);
}

export function locateKey(source: FrontmatterSource, path: YamlPath): Position {
  return locatorOf(source).keyAt(path);
}
