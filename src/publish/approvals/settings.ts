import { contentPaths } from '../../lib/project/load.ts';
import { parseYaml } from '../../lib/project/yaml.ts';
import type { Input } from './decide.ts';

/**
 * The settings of content/herald.yaml that shape a delivery, as values the approval rules compare:
 * a post's channel entries (where it goes, as whom), `approvals` (who must agree), `timezone` (when
 * a post without its own zone goes), `locale` (the language of a post without its own `lang`, which
 * Bluesky and Mastodon receive) and `defaultBranch` (where approvals are read). Each value is the
 * setting's YAML as data, in a canonical JSON form, so quoting, key order and comments do not count
 * as changes and anything a reviewer could notice does. Other settings (calendar rules, the site,
 * the pause switch) decide nothing about where a post goes or who approves it.
 */

/** What a herald.yaml that cannot be read has in place of every setting. */
export const unreadable = '<unreadable herald.yaml>';

/**
 * The settings a post going to these channels depends on; `locale` when one of them receives the
 * post's language and the post does not name its own.
 */
export function settingInputs(channelIds: string[], options: { locale?: boolean } = {}): Input[] {
  const file = contentPaths.config;
  return [
    ...channelIds.map((id): Input => ({
      kind: 'setting',
      id: `channels.${id}`,
      label: `the channel ${id} in ${file}`,
    })),
    { kind: 'setting', id: 'approvals', label: `approvals in ${file}` },
    { kind: 'setting', id: 'timezone', label: `timezone in ${file}`, oneLine: true },
    ...(options.locale ? [{ kind: 'setting', id: 'locale', label: `locale in ${file}`, oneLine: true } as const] : []),
    { kind: 'setting', id: 'defaultBranch', label: `defaultBranch in ${file}`, oneLine: true },
  ];
}

/** JSON with object keys sorted, so equal data has one text. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Parsed herald.yaml texts: the history holds few versions, each asked for several settings. */
const parsedTexts = new Map<string, { ok: true; data: unknown } | { ok: false }>();

function parsed(text: string): { ok: true; data: unknown } | { ok: false } {
  let found = parsedTexts.get(text);
  if (!found) {
    const result = parseYaml(contentPaths.config, text);
    found = result.ok ? { ok: true, data: result.source.data } : { ok: false };
    if (parsedTexts.size > 1000) parsedTexts.clear();
    parsedTexts.set(text, found);
  }
  return found;
}

/** The value of setting `id` in a herald.yaml text (null: the file or the setting is not there). */
export function settingValue(text: string | null, id: string): string | null {
  if (text === null) return null;
  const result = parsed(text);
  if (!result.ok) return unreadable;
  const data = result.data;
  if (!data || typeof data !== 'object' || Array.isArray(data)) return unreadable;
  const fields = data as Record<string, unknown>;
  if (id.startsWith('channels.')) {
    const channels = fields['channels'];
    if (!Array.isArray(channels)) return null;
    const wanted = id.slice('channels.'.length);
    const entry = channels.find(
      (c): c is Record<string, unknown> =>
        !!c && typeof c === 'object' && (c as Record<string, unknown>)['id'] === wanted,
    );
    return entry === undefined ? null : canonical(entry);
  }
  return Object.hasOwn(fields, id) && fields[id] !== undefined && fields[id] !== null ? canonical(fields[id]) : null;
}
