import { App, Card, List, Tag } from 'antd';
import { type SsoGrantView, useMySsoGrants, useRevokeSsoGrant } from '../api/sso.ts';
import { ConfirmButton } from '../components/confirm-button.tsx';
import { useErrorText } from '../components/error-text.ts';
import { ErrorResult, Loading } from '../components/results.tsx';
import { claimLabel, scopeLabel } from '../components/sso-labels.ts';
import { type Translate, useT } from '../i18n/index.ts';
import { usePrefs } from '../prefs/prefs.tsx';
import { formatDateTime } from '../site.ts';

/** What an authorized application may see, in words: its claims, and offline access when granted. */
function mayReceive(t: Translate, g: SsoGrantView): string[] {
  const claims = g.claims.filter((c) => c !== 'sub').map((c) => claimLabel(t, c));
  const extra = g.scopes.includes('offline_access') ? [scopeLabel(t, 'offline_access')] : [];
  return claims.length > 0 ? [...claims, ...extra] : [t('sso.consent.onlyId'), ...extra];
}

/** 已授权的应用: the department systems this person let log them in, with 撤销授权. */
export function SsoGrantsCard() {
  const t = useT();
  const { lang } = usePrefs();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const grants = useMySsoGrants();
  const revoke = useRevokeSsoGrant();
  const withdraw = (grantId: string) =>
    revoke.mutate(grantId, {
      onSuccess: () => void message.success(t('sso.grants.revoked')),
      onError: (e) => void message.error(errorText(e)),
    });
  return (
    <Card title={<h2 className="card-title">{t('sso.grants.title')}</h2>} className="block-gap">
      {grants.isPending ? <Loading /> : null}
      {grants.isError ? <ErrorResult error={grants.error} onRetry={() => void grants.refetch()} /> : null}
      {grants.data ? (
        <List
          locale={{ emptyText: t('sso.grants.empty') }}
          dataSource={grants.data}
          rowKey="grantId"
          renderItem={(g) => (
            <List.Item
              actions={[<ConfirmButton key="revoke" danger label={t('sso.grants.revoke')} question={t('sso.grants.revokeQuestion')} onConfirm={() => withdraw(g.grantId)} />]}
            >
              <List.Item.Meta
                title={g.clientName}
                description={
                  <>
                    <div>
                      {t('sso.grants.mayReceive')}：
                      {mayReceive(t, g).map((label) => (
                        <Tag key={label}>{label}</Tag>
                      ))}
                    </div>
                    {g.grantedAt ? (
                      <div>
                        {t('sso.grants.grantedAt')}：{formatDateTime(g.grantedAt, lang)}
                      </div>
                    ) : null}
                  </>
                }
              />
            </List.Item>
          )}
        />
      ) : null}
    </Card>
  );
}
