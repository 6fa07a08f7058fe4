/**
 * Every answer the approval check gets (from git, from GitHub, of a walk through history) holds for
 * the whole run, so each is asked once: the first call's promise is kept and shared.
 */
export function memoize<T>(fn: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (key) => {
    let hit = cache.get(key);
    if (!hit) cache.set(key, (hit = fn(key)));
    return hit;
  };
}
