/**
 * language-tags 2.1 ships no types: the part of its API Herald uses (lib/index.js, Tag.js,
 * Subtag.js), over the IANA Language Subtag Registry.
 */
declare module 'language-tags' {
  interface Subtag {
    /** The registry's Scope: macrolanguage, collection, special or private-use; null for a plain language. */
    scope(): 'macrolanguage' | 'collection' | 'special' | 'private-use' | null;
    /** The registry's descriptions, the first in English ("No linguistic content"). */
    descriptions(): string[];
    format(): string;
    /** The registry's Preferred-Value: for an extended language subtag (cmn of zh-cmn), the language itself. */
    preferred(): Subtag | null;
  }
  interface RegistryError extends Error {
    /** Tag.ERR_UNKNOWN (3) for a subtag the registry does not have; others for deprecation, order... */
    code: number;
    subtag?: unknown;
  }
  interface Tag {
    /** `grandfathered` or `redundant` for a tag the registry lists whole; `tag` otherwise. */
    type(): 'grandfathered' | 'redundant' | 'tag';
    /** The registry's Preferred-Value for a tag it lists whole, if it has one. */
    preferred(): Tag | null;
    errors(): RegistryError[];
    format(): string;
  }
  /** A tag to look up; case-insensitive. */
  export function tags(tag: string): Tag;
  /** The registry's subtag of that code and type (language, extlang, script, region...), or null. */
  export function type(subtag: string, kind: 'extlang'): Subtag | null;
  /** The registry's language subtag of that code, or null when it has none. */
  export function language(subtag: string): Subtag | null;
}
