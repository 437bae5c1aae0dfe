import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { makeTranslate, type Locale, type Translate } from './translate';

export { isMessageKey, locales, makeTranslate, type Locale, type MessageKey, type Translate, type Vars } from './translate';

const STORAGE_KEY = 'wangan.locale';

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'zh-CN' || saved === 'en-US') return saved;
  } catch {
    // storage blocked: fall through to the default
  }
  return 'zh-CN';
}

type I18nState = { locale: Locale; setLocale: (l: Locale) => void; t: Translate };
const I18nContext = createContext<I18nState | null>(null);

const dayjsLocale: Record<Locale, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' };

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((l: Locale) => {
    setLocaleState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // not persisted; the switch still applies to this tab
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    dayjs.locale(dayjsLocale[locale]);
  }, [locale]);
  const value = useMemo(() => ({ locale, setLocale, t: makeTranslate(locale) }), [locale, setLocale]);
  return createElement(I18nContext.Provider, { value }, children);
}

function useI18nState(): I18nState {
  const state = useContext(I18nContext);
  if (!state) throw new Error('I18nProvider missing');
  return state;
}

export function useT(): Translate {
  return useI18nState().t;
}

export function useLocale(): { locale: Locale; setLocale: (l: Locale) => void } {
  const { locale, setLocale } = useI18nState();
  return { locale, setLocale };
}
