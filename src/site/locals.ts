import { loadSite, type Site } from './project.ts';
import { ui, type Ui } from './ui.ts';

/**
 * What every page and endpoint finds in `Astro.locals.herald`, set by Herald's middleware
 * (src/integration/middleware.ts) as Starlight sets its route data: the build's site, read once,
 * and the interface in the organisation's language. `uiFor` is for a page written in another
 * language (a handbook page with `lang:`).
 */
export interface HeraldLocals {
  site: Site;
  ui: Ui;
  uiFor(lang: string | undefined): Ui;
}

export async function heraldLocals(): Promise<HeraldLocals> {
  const site = await loadSite();
  const uiFor = (lang: string | undefined) => ui(lang ?? site.locale, site.zone, site.href);
  return { site, ui: uiFor(undefined), uiFor };
}
