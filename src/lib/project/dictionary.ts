/**
 * An object for looking things up by a name people chose (a channel id, a variant's key): it has no
 * prototype, so `dictionary[name]` is undefined for every name not put in, "constructor" and
 * "toString" included, where a plain object would answer with Object's own functions.
 */
export function dictionary<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const result = Object.create(null) as Record<string, T>;
  for (const [key, value] of entries) result[key] = value;
  return result;
}
