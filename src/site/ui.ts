import { dictionary, direction, type Dictionary } from '../i18n/index.ts';
import { format, type Format } from '../i18n/format.ts';

/** What a component needs to write for one page: its strings, its formats and its links. */
export interface Ui {
  lang: string;
  dir: 'ltr' | 'rtl';
  t: Dictionary;
  f: Format;
  href: (route: string) => string;
}

export function ui(lang: string, zone: string, href: (route: string) => string): Ui {
  return { lang, dir: direction(lang), t: dictionary(lang), f: format(lang, zone), href };
}
