import { Button, Result, Spin } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router';
import { useT } from '../i18n/index.ts';
import { useLogout } from '../auth/session.ts';
import { useErrorText } from './error-text.ts';
import { PageTitle } from './page-title.tsx';

/** A centred spinner with a name for screen readers. */
export function Loading() {
  const t = useT();
  return (
    <div className="loading-block" role="status" aria-live="polite">
      <Spin />
      <span className="visually-hidden">{t('common.loading')}</span>
    </div>
  );
}

/** 404: no such page. */
export function NotFoundResult() {
  const t = useT();
  return (
    <>
      <PageTitle title={t('result.notFound.title')} />
      <Result
        status="404"
        title={<h1 className="result-title">{t('result.notFound.title')}</h1>}
        subTitle={t('result.notFound.subtitle')}
        extra={
          <Link to="/" className="link-button">
            {t('result.backHome')}
          </Link>
        }
      />
    </>
  );
}

/**
 * 403: logged in, but without a role for this area. Offer to log in as someone else, since a person
 * with two accounts (citizen and staff) is the usual reason to land here.
 */
export function ForbiddenResult() {
  const t = useT();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const next = encodeURIComponent(location.pathname + location.search);
  const switchUser = () => logout.mutate(undefined, { onSettled: () => void navigate(`/login?next=${next}`) });
  return (
    <>
      <PageTitle title={t('result.forbidden.title')} />
      <Result
        status="403"
        title={<h1 className="result-title">{t('result.forbidden.title')}</h1>}
        subTitle={t('result.forbidden.subtitle')}
        extra={[
          <Button key="switch" type="primary" onClick={switchUser} loading={logout.isPending}>
            {t('result.forbidden.switchUser')}
          </Button>,
          <Link key="home" to="/" className="result-link">
            {t('result.backHome')}
          </Link>,
        ]}
      />
    </>
  );
}

/** A failed load, with a retry. */
export function ErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const errorText = useErrorText();
  return (
    <Result
      status="error"
      title={<span className="result-title">{t('result.error.title')}</span>}
      subTitle={errorText(error)}
      extra={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}
