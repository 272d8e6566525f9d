import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client.ts';
import { isPasskeyPromptDismissed, passkeysApi } from '../api/passkeys.ts';
import { useNavigate, useSearchParams } from 'react-router';
import { homePathFor, safeNextPath } from '../auth/roles.ts';
import { useSetSession } from '../auth/session.ts';
import { useErrorText } from '../components/error-text.ts';
import { useT } from '../i18n/index.ts';

/** 使用通行密钥登录: no account or password typed; the browser offers this site's passkeys. Lands where the password login would. */
export function PasskeyLoginButton() {
  const t = useT();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const setSession = useSetSession();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const login = useMutation({
    mutationFn: () => passkeysApi.login(),
    onSuccess: (me) => {
      setError(null);
      setSession(me);
      void message.success(t('auth.welcome', { name: me.account.displayName }));
      void navigate(safeNextPath(params.get('next')) ?? homePathFor(me.account), { replace: true });
    },
    onError: (e) => {
      if (isPasskeyPromptDismissed(e)) setError(t('passkey.cancelled'));
      else if (e instanceof ApiError) setError(e.fieldIssues.length > 0 ? e.fieldIssues.map((i) => i.message).join('；') : errorText(e));
      else setError(t('passkey.failed'));
    },
  });
  if (!browserSupportsWebAuthn()) return null;
  return (
    <div className="block-gap">
      {error ? <Alert type="error" showIcon title={error} className="block-gap" /> : null}
      <Button block size="large" onClick={() => login.mutate()} loading={login.isPending}>
        {t('passkey.login')}
      </Button>
    </div>
  );
}
