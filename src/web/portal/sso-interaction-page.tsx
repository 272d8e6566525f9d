import { LoginOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, List, Result, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { z } from 'zod';
import type { SsoInteractionView, SsoRedirect } from '../../common/schemas/sso.ts';
import { ApiError, api } from '../api/client.ts';
import { authApi } from '../api/endpoints.ts';
import { useSetSession } from '../auth/session.ts';
import { useErrorText } from '../components/error-text.ts';
import { PageTitle } from '../components/page-title.tsx';
import { useT } from '../i18n/index.ts';

type Interaction = z.infer<typeof SsoInteractionView>;
type Redirect = z.infer<typeof SsoRedirect>;

/** Claims that are personal numbers: shown with a warning tag. */
const SENSITIVE = new Set(['id_number', 'phone_number']);

/**
 * 授权登录 (SSO consent screen): a department system sent the person here through the platform's
 * OpenID provider. Signed in (RequireLogin sends them to the login page first), they see which
 * system asks and exactly which data it would receive, and approve or refuse. When an earlier
 * approval already covers the request, the page continues at once — that is the single sign-on.
 */
export function SsoInteractionPage() {
  const t = useT();
  const { uid = '' } = useParams();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const setSession = useSetSession();
  const q = useQuery({ queryKey: ['sso', 'interaction', uid], queryFn: () => api.get<Interaction>(`/api/v1/sso/interactions/${encodeURIComponent(uid)}`), retry: false, staleTime: Infinity });
  const go = (r: Redirect) => window.location.assign(r.redirectTo);
  const confirm = useMutation({ mutationFn: () => api.post<Redirect>(`/api/v1/sso/interactions/${encodeURIComponent(uid)}/confirm`), onSuccess: go });
  const abort = useMutation({ mutationFn: () => api.post<Redirect>(`/api/v1/sso/interactions/${encodeURIComponent(uid)}/abort`), onSuccess: go });
  const switchAccount = useMutation({
    mutationFn: authApi.logout,
    onSuccess: () => {
      setSession(null);
      void navigate(`/login?next=${encodeURIComponent(`/sso/interaction/${uid}`)}`, { replace: true });
    },
  });
  const autoStarted = useRef(false);
  const data = q.data;
  useEffect(() => {
    if (data?.alreadyConsented && data.account && !autoStarted.current) {
      autoStarted.current = true;
      confirm.mutate();
    }
  }, [data, confirm]);

  if (q.isPending) return <div className="gov-container page-body narrow"><Spin className="block-gap" /></div>;
  if (q.isError) {
    const expired = q.error instanceof ApiError && q.error.code === 'NOT_FOUND';
    return (
      <div className="gov-container page-body narrow">
        <PageTitle title={t('sso.consent.title')} />
        <Result status="warning" title={expired ? t('sso.consent.expired') : errorText(q.error)} subTitle={expired ? t('sso.consent.expiredHint') : undefined} />
      </div>
    );
  }
  const d = q.data;
  const busy = confirm.isPending || abort.isPending;
  if (d.alreadyConsented && d.account && !confirm.isError) {
    return (
      <div className="gov-container page-body narrow">
        <PageTitle title={t('sso.consent.title')} />
        <Result icon={<LoginOutlined />} title={t('sso.consent.continuing', { client: d.client.name })} extra={<Spin />} />
      </div>
    );
  }
  const failed = confirm.error ?? abort.error ?? switchAccount.error;
  return (
    <div className="gov-container page-body narrow">
      <PageTitle title={t('sso.consent.title')} />
      <h1>{t('sso.consent.title')}</h1>
      <Card>
        <Space orientation="vertical" size="middle">
          <Typography.Paragraph>
            <SafetyCertificateOutlined aria-hidden /> <strong>{d.client.name}</strong>
            {d.client.departmentName ? `（${d.client.departmentName}）` : ''} {t('sso.consent.asks')}
          </Typography.Paragraph>
          {d.client.description ? <Typography.Paragraph type="secondary">{d.client.description}</Typography.Paragraph> : null}
          {d.account ? (
            <Typography.Paragraph>
              {t('sso.consent.as')} <strong>{d.account.displayName}</strong>{' '}
              <Button type="link" size="small" onClick={() => switchAccount.mutate()} disabled={busy}>
                {t('sso.consent.switch')}
              </Button>
            </Typography.Paragraph>
          ) : null}
          <div>
            <h2 className="card-title">{t('sso.consent.willReceive')}</h2>
            <List
              size="small"
              bordered
              dataSource={d.claims.length > 0 ? d.claims : ['sub']}
              renderItem={(c) => (
                <List.Item>
                  {c === 'sub' ? t('sso.consent.onlyId') : t(`sso.claim.${c}` as Parameters<typeof t>[0])}
                  {SENSITIVE.has(c) ? <Tag className="status-tag status-warn">{t('sso.consent.sensitive')}</Tag> : null}
                </List.Item>
              )}
            />
          </div>
          <Alert type="info" showIcon title={t('sso.consent.recorded')} />
          {failed ? <Alert type="error" showIcon title={errorText(failed)} /> : null}
          <Space wrap>
            <Button type="primary" size="large" loading={confirm.isPending} disabled={busy} onClick={() => confirm.mutate()}>
              {t('sso.consent.approve')}
            </Button>
            <Button size="large" loading={abort.isPending} disabled={busy} onClick={() => abort.mutate()}>
              {t('sso.consent.deny')}
            </Button>
          </Space>
        </Space>
      </Card>
    </div>
  );
}
