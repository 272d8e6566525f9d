import { Button } from 'antd';
import { useEffect, useState } from 'react';
import { type CodeSent, retryAfterOf } from '../api/otp.ts';
import { useT } from '../i18n/index.ts';

/**
 * 获取验证码 with a countdown: after a code is sent (or the server says to wait) the button stays
 * disabled and shows the seconds left. `send` returns null when it did not send (e.g. the phone
 * field is not valid yet); its errors go to `onError`.
 */
export function SendCodeButton({ send, onSent, onError, disabled, id }: {
  send: () => Promise<CodeSent | null>;
  onSent?: (r: CodeSent) => void;
  onError?: (error: unknown) => void;
  disabled?: boolean;
  id?: string;
}) {
  const t = useT();
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const [busy, setBusy] = useState(false);
  const left = Math.max(0, Math.ceil((until - now) / 1000));

  useEffect(() => {
    if (until <= Date.now()) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);

  const onClick = async () => {
    setBusy(true);
    try {
      const r = await send();
      if (r) {
        setNow(Date.now());
        setUntil(Date.now() + r.resendAfterSeconds * 1000);
        onSent?.(r);
      }
    } catch (error) {
      const wait = retryAfterOf(error);
      // A daily cap is not worth a day-long countdown: the message says when to come back.
      if (wait !== null && wait <= 600) {
        setNow(Date.now());
        setUntil(Date.now() + wait * 1000);
      }
      onError?.(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button id={id} onClick={() => void onClick()} loading={busy} disabled={Boolean(disabled) || left > 0} aria-live="polite">
      {left > 0 ? t('otp.resendIn', { seconds: left }) : t('otp.send')}
    </Button>
  );
}
