import { ApiError, type ClientErrorCode } from '../api/client.ts';
import { type MessageKey, translateIssue, useT } from '../i18n/index.ts';
import { usePrefs } from '../prefs/prefs.tsx';

const CODE_KEYS: Partial<Record<ClientErrorCode, MessageKey>> = {
  NETWORK_ERROR: 'error.NETWORK_ERROR',
  UNAUTHENTICATED: 'error.UNAUTHENTICATED',
  SESSION_EXPIRED: 'error.UNAUTHENTICATED',
  INVALID_CREDENTIALS: 'error.INVALID_CREDENTIALS',
  ACCOUNT_LOCKED: 'error.ACCOUNT_LOCKED',
  FORBIDDEN: 'error.FORBIDDEN',
  OUT_OF_SCOPE: 'error.FORBIDDEN',
  NOT_FOUND: 'error.NOT_FOUND',
  RATE_LIMITED: 'error.RATE_LIMITED',
  OTP_LOCKED: 'error.OTP_LOCKED',
  INTERNAL: 'error.INTERNAL',
  UNAVAILABLE: 'error.UNAVAILABLE',
};

/**
 * A sentence for an error. In Chinese the server's message is the most precise (it names the duplicate
 * ID, the lock time…); in English the code's translation leads and the server's words follow.
 */
export function useErrorText(): (error: unknown) => string {
  const t = useT();
  const { lang } = usePrefs();
  return (error) => {
    if (!(error instanceof ApiError)) return t('error.unknown');
    if (error.code === 'NETWORK_ERROR') return t('error.NETWORK_ERROR');
    if (lang === 'zh') return error.message;
    const key = CODE_KEYS[error.code];
    const translated = translateIssue(error.message, lang);
    if (translated !== error.message) return translated;
    return key ? t(key) : `${t('error.generic')} (${error.message})`;
  };
}
