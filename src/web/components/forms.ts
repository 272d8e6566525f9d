import type { FormInstance, FormRule } from 'antd';
import { useCallback, useState } from 'react';
import type { z } from 'zod';
import type { FieldIssue } from '../../common/errors.ts';
import { ApiError } from '../api/client.ts';
import { type Translate, translateIssue, useT } from '../i18n/index.ts';
import { usePrefs } from '../prefs/prefs.tsx';
import { useErrorText } from './error-text.ts';

/**
 * Messages for zod's built-in checks (e-mail format, length); the shared schemas' own Chinese messages
 * take precedence over this map, as zod gives schema-level messages priority.
 */
function localErrorMap(t: Translate): z.core.$ZodErrorMap {
  return (issue) => {
    switch (issue.code) {
      case 'invalid_format':
        return issue.format === 'email' ? t('issue.email') : t('issue.format');
      case 'too_big':
        return t('issue.tooLong', { max: String(issue.maximum) });
      case 'too_small':
        return t('issue.tooShort', { min: String(issue.minimum) });
      default:
        return t('issue.invalid');
    }
  };
}

/** Strip a leading `body.` and keep dotted paths, so server paths match antd field names. */
function fieldOf(path: string): string {
  return path.replace(/^body\./, '');
}

/** Validation helpers bound to the current language. */
export function useValidation() {
  const t = useT();
  const { lang } = usePrefs();

  /** An antd rule that checks one field with a shared zod schema — the same check the server makes. */
  const zodRule = useCallback(
    (schema: z.ZodType, options: { optional?: boolean } = {}): FormRule => ({
      validator: async (_rule, value: unknown) => {
        if (options.optional && (value === undefined || value === null || value === '')) return;
        const r = schema.safeParse(value ?? '', { error: localErrorMap(t) });
        if (!r.success) throw new Error(translateIssue(r.error.issues[0]?.message ?? t('issue.invalid'), lang));
      },
    }),
    [t, lang],
  );

  /**
   * Parse a whole form with its body schema (applying trim/upper-case transforms); on failure mark the
   * fields and return undefined.
   */
  const parseForm = useCallback(
    <S extends z.ZodType>(schema: S, values: unknown, form: FormInstance): z.output<S> | undefined => {
      const r = schema.safeParse(values, { error: localErrorMap(t) });
      if (r.success) return r.data;
      markFields(
        form,
        r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
        lang === 'zh' ? (m) => m : (m) => translateIssue(m, lang),
      );
      return undefined;
    },
    [t, lang],
  );

  return { zodRule, parseForm };
}

/**
 * The fields rendered on a form, by dotted path, with their own name paths (the filter callback sees
 * every registered field's meta). A list row's field is named [`fields`, 0, `key`]: antd matches names
 * with ===, so errors must be set with the number, not the '0' of the server's `fields.0.key`.
 */
function registeredFields(form: FormInstance): Map<string, (string | number)[]> {
  const names = new Map<string, (string | number)[]>();
  form.getFieldsValue(true, (meta) => {
    if (meta) names.set(meta.name.map(String).join('.'), meta.name);
    return false;
  });
  return names;
}

/** Put messages under their fields; returns the issues whose field is not on the form. */
function markFields(form: FormInstance, issues: FieldIssue[], translate: (m: string) => string): FieldIssue[] {
  const registered = registeredFields(form);
  const byField = new Map<string, string[]>();
  const rest: FieldIssue[] = [];
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    if (registered.has(field)) {
      byField.set(field, [...(byField.get(field) ?? []), translate(issue.message)]);
    } else {
      rest.push(issue);
    }
  }
  form.setFields([...byField].map(([field, errors]) => ({ name: registered.get(field) ?? field.split('.'), errors })));
  return rest;
}

/**
 * Server errors of a form: VALIDATION_FAILED issues go under their fields, anything else becomes the
 * form's alert text.
 */
export function useServerErrors(form: FormInstance) {
  const { lang } = usePrefs();
  const errorText = useErrorText();
  const [formError, setFormError] = useState<string | null>(null);

  const showError = useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && error.fieldIssues.length > 0) {
        const rest = markFields(form, error.fieldIssues, (m) => translateIssue(m, lang));
        setFormError(rest.length > 0 ? rest.map((i) => `${i.path}: ${translateIssue(i.message, lang)}`).join('；') : null);
        return;
      }
      setFormError(errorText(error));
    },
    [form, lang, errorText],
  );

  return { formError, showError, clearError: () => setFormError(null) };
}

/** Form inputs give '' for an emptied optional field; the API wants the field left out. */
export function blankToUndefined<T extends object>(values: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values as Record<string, unknown>)) out[k] = v === '' ? undefined : v;
  return out as T;
}
