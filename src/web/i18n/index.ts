import { useMemo } from 'react';
import { type Lang, usePrefs } from '../prefs/prefs.tsx';
import { en, enIssues } from './en.ts';
import { type MessageKey, zh } from './zh.ts';

export type { MessageKey } from './zh.ts';

/** Look up a message and fill its {placeholders}. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const DICTS = { zh, en } as const;

/** A translator for one language (usable outside React, e.g. in tests). */
export function translator(lang: Lang): Translate {
  const dict = DICTS[lang];
  return (key, params) => {
    const text: string = dict[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}

/** The translator of the current language. */
export function useT(): Translate {
  const { lang } = usePrefs();
  return useMemo(() => translator(lang), [lang]);
}

/**
 * Validation messages come from the shared schemas and the server in Chinese; in English show the
 * known ones translated and leave any other as the server wrote it.
 */
export function translateIssue(message: string, lang: Lang): string {
  if (lang === 'zh') return message;
  return enIssues[message] ?? message;
}
