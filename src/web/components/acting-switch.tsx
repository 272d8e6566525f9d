import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, type MenuProps, Tag } from 'antd';
import { agentKeys, agentsApi } from '../api/agents.ts';
import { qk } from '../api/queries.ts';
import type { MeResponse } from '../api/types.ts';
import { useMe } from '../auth/session.ts';
import { type MessageKey, useT } from '../i18n/index.ts';
import { useErrorText } from './error-text.ts';

const RELATION_KEYS: Record<'legal_rep' | 'agent', MessageKey> = { legal_rep: 'acting.relation.legal_rep', agent: 'acting.relation.agent' };

/** Menu keys of the switch: the person, or an enterprise by id. */
const SELF_KEY = 'acting:self';
const ENTERPRISE_PREFIX = 'acting:enterprise:';

/** Switch the session and start from a clean cache: every cached answer belonged to the other identity. */
function useSwitch() {
  const qc = useQueryClient();
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  // Reset (not clear) so that mounted queries are told and fetch again as the new identity.
  const apply = (me: MeResponse) => {
    qc.setQueryData(qk.me, me);
    void qc.resetQueries({ predicate: (q) => !(q.queryKey[0] === qk.me[0] && q.queryKey[1] === qk.me[1]) });
  };
  const actAs = useMutation({
    mutationFn: (enterpriseId: string) => agentsApi.actAs(enterpriseId),
    onSuccess: (me) => {
      apply(me);
      void message.success(t('acting.switched', { name: me.account.displayName }));
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const back = useMutation({
    mutationFn: () => agentsApi.endActing(),
    onSuccess: (me) => {
      apply(me);
      void message.success(t('acting.switchedBack'));
    },
    onError: (e) => void message.error(errorText(e)),
  });
  return { actAs, back };
}

/**
 * 切换身份 in the user menu: the person and each enterprise they may act for (法定代表人 / 经办人).
 * Empty for staff, and for a citizen without any enterprise.
 */
export function useActingMenu(): { items: NonNullable<MenuProps['items']>; onSelect: (key: string) => boolean } {
  const t = useT();
  const me = useMe();
  const account = me.data?.account;
  const acting = me.data?.acting ?? null;
  const enabled = Boolean(account && (account.kind === 'citizen' || acting));
  const options = useQuery({ queryKey: agentKeys.options, queryFn: agentsApi.options, enabled, staleTime: 60_000 });
  const { actAs, back } = useSwitch();
  const list = options.data?.items ?? [];
  if (!enabled || list.length === 0) return { items: [], onSelect: () => false };
  const current = acting?.enterpriseId ?? null;
  const personName = options.data?.person.displayName ?? acting?.person.displayName ?? account?.displayName ?? '';
  const items: NonNullable<MenuProps['items']> = [
    {
      key: 'acting',
      type: 'group',
      label: t('acting.switch'),
      children: [
        { key: SELF_KEY, label: <span>{t('acting.personal', { name: personName })}{current === null ? <Tag className="acting-current">{t('acting.current')}</Tag> : null}</span> },
        ...list.map((o) => ({
          key: `${ENTERPRISE_PREFIX}${o.enterpriseId}`,
          label: (
            <span>
              {o.name} <Tag>{t(RELATION_KEYS[o.relation])}</Tag>
              {current === o.enterpriseId ? <Tag className="acting-current">{t('acting.current')}</Tag> : null}
            </span>
          ),
        })),
      ],
    },
    { type: 'divider' as const },
  ];
  const onSelect = (key: string): boolean => {
    if (key === SELF_KEY) {
      if (current !== null) back.mutate();
      return true;
    }
    if (key.startsWith(ENTERPRISE_PREFIX)) {
      const id = key.slice(ENTERPRISE_PREFIX.length);
      if (id !== current) actAs.mutate(id);
      return true;
    }
    return false;
  };
  return { items, onSelect };
}

/** The banner under the header while acting for an enterprise (以 XX公司 经办人身份办理), or the notice when acting ended by itself. */
export function ActingBanner() {
  const t = useT();
  const me = useMe();
  const { back } = useSwitch();
  const acting = me.data?.acting ?? null;
  const notice = me.data?.actingNotice ?? null;
  if (acting) {
    return (
      <div className="gov-container acting-banner" role="status">
        <Alert
          type="info"
          showIcon
          title={t('acting.banner', { enterprise: acting.enterpriseName, relation: t(RELATION_KEYS[acting.relation]) })}
          description={
            <span>
              {t('acting.person', { name: acting.person.displayName })}
              {acting.itemCodes ? ` · ${t('acting.scopeLimited', { count: String(acting.itemCodes.length) })}` : ''}
            </span>
          }
          action={
            <Button size="small" onClick={() => back.mutate()} loading={back.isPending}>
              {t('acting.backToPersonal')}
            </Button>
          }
        />
      </div>
    );
  }
  if (notice) {
    return (
      <div className="gov-container acting-banner" role="alert">
        <Alert
          type="warning"
          showIcon
          title={t('acting.noticeTitle')}
          description={notice}
          action={
            <Button size="small" onClick={() => back.mutate()} loading={back.isPending}>
              {t('acting.dismiss')}
            </Button>
          }
        />
      </div>
    );
  }
  return null;
}
