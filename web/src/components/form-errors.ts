import { useCallback, useState } from 'react';
import type { FormInstance } from 'antd';
import { isApiError } from './api';
import { useShowError } from './errors';
import { useT, type MessageKey, type Translate } from '../i18n';

// Field messages the server sends in English for rules it alone can check (password policy, a
// wrong current password): shown in the user's language. Others appear as "格式不正确：<detail>".
const knownFieldMessages: Record<string, MessageKey> = {
  'at least 12 characters': 'password.tooShort',
  'at most 128 characters': 'password.tooLong',
  'not a commonly used or breached password': 'password.common',
  'must not contain the username': 'password.containsUsername',
  'at least 5 different characters': 'password.tooFewChars',
  'wrong password': 'password.currentWrong',
};

function fieldMessage(t: Translate, message: string): string {
  const parts = message.split(/;\s*/).map((p) => knownFieldMessages[p.trim()]);
  if (parts.length > 0 && parts.every((k): k is MessageKey => k !== undefined)) return parts.map((k) => t(k)).join('；');
  return t('errors.fieldInvalid', { detail: message });
}

/** Server field path → form field name, when they differ (e.g. the password policy reports `password`). */
export type FieldMap = Record<string, string>;

function toNamePath(name: string): (string | number)[] {
  return name.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * Returns a handler that puts an API error's `details.fields` onto the form's fields; anything it
 * cannot place (no fields, unknown names) is shown as a toast by code.
 */
export function useFormErrors(form: FormInstance, fieldMap: FieldMap = {}): (err: unknown) => void {
  const t = useT();
  const showError = useShowError();
  const mapKey = JSON.stringify(fieldMap);
  return useCallback(
    (err: unknown) => {
      if (isApiError(err) && err.fields.length > 0) {
        const map = JSON.parse(mapKey) as FieldMap;
        const known = new Set(form.getFieldsError().map((f) => f.name.join('.')));
        const byField = new Map<string, string[]>();
        for (const issue of err.fields) {
          const raw = issue.path.replace(/^(body|querystring|params)(\.|$)/, '');
          const name = map[raw] ?? raw;
          if (!known.has(name)) continue;
          const text =
            err.code === 'CONFLICT' ? t('errors.fieldTaken')
            : err.code === 'RULE_VIOLATION' ? t('errors.fieldRule')
            : issue.message ? fieldMessage(t, issue.message)
            : (t.optional(`errors.${err.code}`) ?? t('errors.INTERNAL'));
          byField.set(name, [...(byField.get(name) ?? []), text]);
        }
        if (byField.size > 0) {
          form.setFields([...byField].map(([name, errors]) => ({ name: toNamePath(name), errors })));
          const first = [...byField.keys()][0];
          if (first) form.scrollToField(toNamePath(first));
          return;
        }
      }
      showError(err);
    },
    [form, mapKey, showError, t],
  );
}

/**
 * A form's submit with its busy flag: runs the action, and puts any API error on the fields (or
 * shows it). `busy` drives the OK button's spinner so a double click never submits twice.
 */
export function useFormSubmit(form: FormInstance, fieldMap: FieldMap = {}): { busy: boolean; run: (action: () => Promise<unknown>) => Promise<void> } {
  const onError = useFormErrors(form, fieldMap);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  }, [onError]);
  return { busy, run };
}
