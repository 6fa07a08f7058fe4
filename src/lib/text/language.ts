import { language as registryLanguage, tags, type as registryType } from 'language-tags';

/** A language tag, judged: the tag the networks receive, or why none can be sent and what to write. */
export type LanguageCheck = { ok: true; tag: string } | { ok: false; message: string };

/** The settings that name a language: a post's, and a video's captions'. */
const settings = { lang: 'text', captionsLang: 'captions' } as const;

/** The registry's code for "unknown subtag" (language-tags' Tag.ERR_UNKNOWN). */
const unknownSubtag = 3;

/**
 * Whether a post's `lang` (or a video's `captionsLang`) names a language a network can use, and its
 * canonical tag.
 * The IANA Language Subtag Registry (through language-tags) turns a tag it lists whole
 * (grandfathered or redundant: i-klingon, zh-min-nan, sgn-BR) into its preferred value, and refuses
 * one with none (i-default, i-mingo); Intl.getCanonicalLocales (UTS #35) then checks the tag is well
 * formed and gives its canonical form (pt-br → pt-BR, iw → he). Refused as well, because no network
 * can use them to pick whose feeds show a post: a private-use part (x-...), and the registry's
 * special codes (zxx no linguistic content, mul, und, mis), collections (sgn, cel) and private-use
 * languages (qaa–qtz, RFC 5646 2.2.1); and any subtag the registry does not have.
 */
export function checkLanguage(input: string, setting: keyof typeof settings = 'lang'): LanguageCheck {
  // What to write instead, said the same way in every refusal.
  const instead = `Write the language the ${settings[setting]} ${setting === 'lang' ? 'is' : 'are'} in, such as en, en-GB, pt-BR or fa, or remove ${setting} to use herald.yaml's locale.`;
  const refuse = (why: string): LanguageCheck => ({ ok: false, message: `"${input}" ${why} ${instead}` });
  let tag = input;
  const whole = tags(input);
  if (whole.type() !== 'tag') {
    const preferred = whole.preferred();
    if (preferred) tag = preferred.format();
    else if (whole.type() === 'grandfathered')
      return refuse(
        'is an old registered tag that stands for no language in use today (the registry gives it no replacement).',
      );
  }
  // RFC 5646 4.5: a language with an extended subtag (zh-cmn, sgn-ase) is that subtag's own language (cmn, ase).
  const [, second, ...rest] = tag.split('-');
  const extended = second && /^[a-z]{3}$/i.test(second) ? registryType(second, 'extlang')?.preferred() : undefined;
  if (extended) tag = [extended.format(), ...rest].join('-');
  if (/^x-/i.test(tag)) return refuse('is private use only (x-...): it names no language a network knows.');
  let canonical: string;
  try {
    canonical = Intl.getCanonicalLocales(tag)[0]!;
  } catch {
    return refuse('is not a language tag (BCP 47: a language code, then region or script, joined by hyphens).');
  }
  const privateUse = canonical.search(/(?:^|-)x-/i);
  if (privateUse >= 0) {
    const base = canonical.slice(0, privateUse);
    return {
      ok: false,
      message: `"${input}" ends in a private-use part (${canonical.slice(privateUse + 1)}), which means nothing to a network. Write "${base}" without it.`,
    };
  }
  // The language subtag always comes first (Intl.Locale gives none for und).
  const code = canonical.split('-')[0]!;
  if (/^q[a-t][a-z]$/.test(code))
    return refuse('uses a private-use language code (qaa to qtz), which names no language a network knows.');
  const subtag = registryLanguage(code);
  if (!subtag) return refuse(`names no language: the registry has no language "${code}".`);
  const scope = subtag.scope();
  if (scope === 'special' || scope === 'collection')
    return refuse(
      `is not one language but "${subtag.descriptions()[0]}", which no network can use as a post's language (it decides whose feeds and searches show the post, and how screen readers speak it).`,
    );
  const unknown = tags(canonical)
    .errors()
    .find((error) => error.code === unknownSubtag);
  if (unknown) {
    // The registry answers in lower case; quote the part as the canonical tag writes it.
    const part = canonical.split('-').find((p) => p.toLowerCase() === String(unknown.subtag)) ?? String(unknown.subtag);
    return refuse(`has a part that is no registered region, script or variant: "${part}".`);
  }
  return { ok: true, tag: canonical };
}
