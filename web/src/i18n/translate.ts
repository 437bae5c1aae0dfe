// DOM-free core of the i18n: catalogues and the translate function (also used by node tests).
import { zhCN, type MessageKey } from './zh-CN';
import { enUS } from './en-US';

export type { MessageKey };
export type Locale = 'zh-CN' | 'en-US';
export const locales: readonly Locale[] = ['zh-CN', 'en-US'];
export type Vars = Record<string, string | number>;

/** `t('users.title')`; `t.optional(dynamicKey)` for keys built at run time (returns undefined when unknown). */
export type Translate = ((key: MessageKey, vars?: Vars) => string) & {
  optional: (key: string, vars?: Vars) => string | undefined;
};

const catalogs: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS };

function interpolate(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zhCN, key);
}

/** A translate function for one locale; usable outside React (e.g. in tests or error helpers). */
export function makeTranslate(locale: Locale): Translate {
  const catalog = catalogs[locale];
  const t = ((key: MessageKey, vars?: Vars) => interpolate(catalog[key] ?? key, vars)) as Translate;
  t.optional = (key, vars) => (isMessageKey(key) ? interpolate(catalog[key], vars) : undefined);
  return t;
}
