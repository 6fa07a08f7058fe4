import { en, type Dictionary } from './en.ts';
import { fa } from './fa.ts';

export type { Dictionary } from './en.ts';

/** Every language the interface is translated into, by BCP 47 language subtag. */
const dictionaries: Record<string, Dictionary> = { en, fa };

export const translatedLanguages = Object.keys(dictionaries);

/** The dictionary for a locale: exact tag (fa-IR), then its language (fa), then English. */
export function dictionary(locale: string): Dictionary {
  return translation(locale) ?? en;
}

function translation(locale: string): Dictionary | undefined {
  return dictionaries[locale] ?? dictionaries[new Intl.Locale(locale).language];
}

/**
 * Whether the interface is translated into a locale's language; when not, `validate` warns that the
 * site's words will be English, naming the languages there are (`config/interface-language`).
 */
export function isTranslated(locale: string): boolean {
  return translation(locale) !== undefined;
}

/** Per locale, once: every page of a build asks. */
const directions = new Map<string, 'ltr' | 'rtl'>();

/** Writing direction of a locale's script, from the Unicode data Intl ships (fa, ar, he, ur… are rtl). */
export function direction(locale: string): 'ltr' | 'rtl' {
  let found = directions.get(locale);
  if (!found) {
    const intlLocale = new Intl.Locale(locale) as Intl.Locale & {
      getTextInfo?: () => { direction?: string };
      textInfo?: { direction?: string };
    };
    found = (intlLocale.getTextInfo?.() ?? intlLocale.textInfo)?.direction === 'rtl' ? 'rtl' : 'ltr';
    directions.set(locale, found);
  }
  return found;
}

/** The name of a language in that language, e.g. fa → فارسی, for links between translations. */
export function languageName(locale: string): string {
  return new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
}
