import type { FrontmatterSource } from './model.ts';
import type { Position } from './problems.ts';
import { lazyLocator, type YamlLocator, type YamlPath } from './yaml.ts';

/**
 * Where a front matter value (or key) of a loaded post or page stands in its file, for findings
 * that point at it. Positions are worked out on the first question about a file, not for every file,
 * and with the loader's own locator where it is known (which finds top-level settings from the lines
 * and shares its parse with the loader's checks; see yaml.ts).
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

/** Answers questions about `source` with the locator the loader made when it parsed it. */
export function rememberLocator(source: FrontmatterSource, locator: YamlLocator): void {
  locators.set(source, locator);
}

export function locate(source: FrontmatterSource, path: YamlPath): Position {
  return locatorOf(source).valueAt(path);
}

export function locateKey(source: FrontmatterSource, path: YamlPath): Position {
  return locatorOf(source).keyAt(path);
}
