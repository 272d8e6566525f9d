import { createContext, type ReactNode, useCallback, useContext, useLayoutEffect, useMemo, useState } from 'react';

/** Languages of the UI: Chinese by default, English beside it. */
export type Lang = 'zh' | 'en';

/** What a visitor chose for this browser: language and elderly mode (适老化/长者模式). */
export interface Prefs {
  lang: Lang;
  elderly: boolean;
}

const STORAGE_KEY = 'tongban.prefs';
const DEFAULT_PREFS: Prefs = { lang: 'zh', elderly: false };

/** Root font size in elderly mode: rem-based CSS grows with it, antd grows through its tokens. */
export const ELDERLY_ROOT_FONT_SIZE = '18px';

/** Read the stored preferences; storage may be unavailable (private mode, tests), then use defaults. */
export function readPrefs(): Prefs {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    if (!raw) return DEFAULT_PREFS;
    const v = JSON.parse(raw) as Partial<Prefs>;
    return { lang: v.lang === 'en' ? 'en' : 'zh', elderly: v.elderly === true };
  } catch {
    return DEFAULT_PREFS;
  }
}

function writePrefs(p: Prefs): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(p));
  } catch {
    // Not persisting is acceptable; the choice still holds for this page view.
  }
}

/**
 * Reflect the preferences on <html>: `lang` for screen readers and fonts, the `elderly` class for the
 * CSS outside antd, and the root font size so that rem units scale too.
 */
export function applyPrefsToDocument(p: Prefs): void {
  const html = document.documentElement;
  html.lang = p.lang === 'zh' ? 'zh-CN' : 'en';
  html.classList.toggle('elderly', p.elderly);
  html.style.fontSize = p.elderly ? ELDERLY_ROOT_FONT_SIZE : '';
}

interface PrefsContextValue extends Prefs {
  setLang: (lang: Lang) => void;
  setElderly: (elderly: boolean) => void;
}

const PrefsContext = createContext<PrefsContextValue | null>(null);

/** Holds the preferences, persists them and mirrors them on the document. */
export function PrefsProvider({ children, initial }: { children: ReactNode; initial?: Prefs }) {
  const [prefs, setPrefs] = useState<Prefs>(() => initial ?? readPrefs());

  // Layout effect: the document must change before paint, or the page flashes in the old size.
  useLayoutEffect(() => {
    applyPrefsToDocument(prefs);
    writePrefs(prefs);
  }, [prefs]);

  const setLang = useCallback((lang: Lang) => setPrefs((p) => ({ ...p, lang })), []);
  const setElderly = useCallback((elderly: boolean) => setPrefs((p) => ({ ...p, elderly })), []);
  const value = useMemo(() => ({ ...prefs, setLang, setElderly }), [prefs, setLang, setElderly]);
  return <PrefsContext.Provider value={value}>{children}</PrefsContext.Provider>;
}

/** The current preferences and their setters. */
export function usePrefs(): PrefsContextValue {
  const v = useContext(PrefsContext);
  if (!v) throw new Error('usePrefs must be used inside <PrefsProvider>');
  return v;
}
