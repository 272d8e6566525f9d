import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Radio, Select, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { CreateAgentAuthorizationBody, RevokeAgentAuthorizationBody } from '../../common/schemas/agents.ts';
import { type AgentAuthorization, agentKeys, agentsApi, type CreateAgentAuthorizationBody as CreateInput } from '../api/agents.ts';
import { catalogApi } from '../api/catalog.ts';
import { useMe } from '../auth/session.ts';
import { blankToUndefined, useServerErrors, useValidation } from '../components/forms.ts';
import { PageTitle } from '../components/page-title.tsx';
import { ErrorResult, Loading } from '../components/results.tsx';
import { useDebounced } from '../components/use-debounced.ts';
import { type MessageKey, useT } from '../i18n/index.ts';

type Status = 'active' | 'notYet' | 'revoked' | 'expired';
// antd's preset tag colours fall below 4.5:1: the status-tag pairs of the site pass AA.
const STATUS_CLASSES: Record<Status, string> = { active: 'status-tag status-ok', notYet: 'status-tag status-warn', revoked: 'status-tag status-off', expired: 'status-tag status-off' };

function statusOf(g: AgentAuthorization): Status {
  if (g.status === 'active' && !g.usableNow) return 'notYet';
  return g.status;
}

/** Today in Asia/Shanghai (YYYY-MM-DD), the default first day of an authorisation. */
function today(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** One year from today, less a day: a usual term of a 授权委托书. */
function inAYear(): string {
  return new Date(Date.now() + 8 * 3_600_000 + 364 * 86_400_000).toISOString().slice(0, 10);
}

interface AddValues {
  name: string;
  idNumber: string;
  scope: 'all' | 'items';
  itemCodes?: string[];
  validFrom?: string;
  validUntil: string;
}

/** Catalog items to choose from, searched by name; a typed 12-digit basic code is accepted as is. */
function ItemCodeSelect({ value, onChange, id }: { value?: string[]; onChange?: (v: string[]) => void; id?: string }) {
  const t = useT();
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim());
  const found = useQuery({
    queryKey: ['catalog', 'agent-items', query],
    queryFn: ({ signal }) => catalogApi.search({ q: query, page: 1, pageSize: 20 }, signal),
    enabled: query.length > 0,
    staleTime: 60_000,
  });
  const seen = new Set<string>();
  const options = (found.data?.items ?? []).flatMap((h) => {
    if (seen.has(h.basicCode)) return [];
    seen.add(h.basicCode);
    return [{ value: h.basicCode, label: `${h.name}（${h.basicCode}）` }];
  });
  return (
    <Select
      id={id}
      mode="tags"
      value={value ?? []}
      onChange={(v: string[]) => onChange?.(v)}
      onSearch={setQ}
      filterOption={false}
      options={options}
      tokenSeparators={[',', '，', ' ']}
      placeholder={t('agents.itemsHint')}
      notFoundContent={found.isFetching ? t('common.loading') : null}
    />
  );
}

/** 添加经办人: name and ID number of a person registered on the platform, scope and validity. */
function AddAgentCard() {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<AddValues>();
  const { zodRule, parseForm } = useValidation();
  const { formError, showError, clearError } = useServerErrors(form);
  const scope = Form.useWatch('scope', form);
  const grant = useMutation({
    mutationFn: (body: CreateInput) => agentsApi.grant(body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: agentKeys.authorizations });
      form.resetFields();
      void message.success(t('agents.added'));
    },
    onError: showError,
  });
  const onFinish = (values: AddValues) => {
    clearError();
    const v = blankToUndefined({ ...values });
    const body = parseForm(CreateAgentAuthorizationBody, { ...v, itemCodes: v.scope === 'items' ? (v.itemCodes ?? []) : [] }, form);
    if (body) grant.mutate(body);
  };
  const shape = CreateAgentAuthorizationBody.shape;
  return (
    <Card title={<h2 className="card-title">{t('agents.add')}</h2>} className="block-gap">
      <Form form={form} layout="vertical" onFinish={onFinish} name="add-agent" className="auth-form" initialValues={{ scope: 'all', validFrom: today(), validUntil: inAYear() }}>
        {formError ? <Alert type="error" showIcon title={formError} className="block-gap" /> : null}
        <Form.Item name="name" label={t('agents.name')} rules={[zodRule(shape.name)]} required>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="idNumber" label={t('agents.idNumber')} rules={[zodRule(shape.idNumber)]} required>
          <Input autoComplete="off" maxLength={18} />
        </Form.Item>
        <Form.Item name="scope" label={t('agents.scope')} required>
          <Radio.Group>
            <Radio value="all">{t('agents.scopeAll')}</Radio>
            <Radio value="items">{t('agents.scopeItems')}</Radio>
          </Radio.Group>
        </Form.Item>
        {scope === 'items' ? (
          <Form.Item name="itemCodes" label={t('agents.items')} extra={t('agents.itemsHint')} required>
            <ItemCodeSelect />
          </Form.Item>
        ) : null}
        <Form.Item name="validFrom" label={t('agents.validFrom')}>
          <Input type="date" min={today()} />
        </Form.Item>
        <Form.Item name="validUntil" label={t('agents.validUntil')} required>
          <Input type="date" min={today()} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={grant.isPending}>
          {t('agents.add')}
        </Button>
      </Form>
    </Card>
  );
}

/** 撤销: a reason is required and told to the agent. */
function RevokeButton({ grant }: { grant: AgentAuthorization }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const { zodRule, parseForm } = useValidation();
  const { formError, showError, clearError } = useServerErrors(form);
  const revoke = useMutation({
    mutationFn: (reason: string) => agentsApi.revoke(grant.id, reason),
    onSuccess: () => {
      setOpen(false);
      void qc.invalidateQueries({ queryKey: agentKeys.authorizations });
      void message.success(t('agents.revoked'));
    },
    onError: showError,
  });
  return (
    <>
      <Button type="link" danger onClick={() => setOpen(true)} aria-label={`${t('agents.revoke')} ${grant.agent.name}`}>
        {t('agents.revoke')}
      </Button>
      <Modal
        open={open}
        title={t('agents.revokeTitle')}
        onCancel={() => setOpen(false)}
        okText={t('agents.revoke')}
        okButtonProps={{ danger: true, loading: revoke.isPending }}
        cancelText={t('common.cancel')}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <p>{t('agents.revokeWarning', { name: grant.agent.name })}</p>
        <Form
          form={form}
          layout="vertical"
          name="revoke-agent"
          onFinish={(v) => {
            clearError();
            const body = parseForm(RevokeAgentAuthorizationBody, v, form);
            if (body) revoke.mutate(body.reason);
          }}
        >
          {formError ? <Alert type="error" showIcon title={formError} className="block-gap" /> : null}
          <Form.Item name="reason" label={t('agents.revokeReason')} rules={[zodRule(RevokeAgentAuthorizationBody.shape.reason)]} required>
            <Input.TextArea rows={2} maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 经办人管理 for an enterprise (or its legal representative acting); 我的经办授权 for a citizen. */
export function AgentsPage() {
  const t = useT();
  const me = useMe();
  const list = useQuery({ queryKey: agentKeys.authorizations, queryFn: agentsApi.list, enabled: Boolean(me.data) });
  const acting = me.data?.acting ?? null;
  const asAgent = acting?.relation === 'agent';
  const enterpriseView = me.data?.account.kind === 'enterprise';
  const title: MessageKey = enterpriseView ? 'agents.title' : 'agents.received';

  const scopeCell = (g: AgentAuthorization) =>
    g.scope === 'all' ? t('agents.scopeAll') : g.items.map((i) => <Tag key={i.code}>{i.name ? `${i.name}（${i.code}）` : i.code}</Tag>);
  const columns: TableColumnsType<AgentAuthorization> = [
    enterpriseView
      ? { key: 'agent', title: t('agents.name'), render: (_: unknown, g) => <span>{g.agent.name}<br /><span className="muted">{g.agent.idNumberMasked ?? ''}</span></span> }
      : { key: 'enterprise', title: t('agents.enterprise'), render: (_: unknown, g) => <span>{g.enterprise.name}<br /><span className="muted">{g.enterprise.creditCode ?? ''}</span></span> },
    { key: 'scope', title: t('agents.scope'), render: (_: unknown, g) => scopeCell(g) },
    { key: 'validity', title: t('agents.validity'), render: (_: unknown, g) => `${g.validFromDay} ~ ${g.validUntilDay}` },
    {
      key: 'status', title: t('common.status'),
      render: (_: unknown, g) => (
        <span>
          <span className={STATUS_CLASSES[statusOf(g)]}>{t(`agents.status.${statusOf(g)}`)}</span>
          {g.revokeReason ? <div className="muted">{t('agents.revokeReasonLabel', { reason: g.revokeReason })}</div> : null}
        </span>
      ),
    },
    { key: 'grantedBy', title: t('agents.grantedBy'), render: (_: unknown, g) => g.grantedByName },
    ...(enterpriseView && !asAgent
      ? [{ key: 'actions', title: t('common.actions'), render: (_: unknown, g: AgentAuthorization) => (g.status === 'active' ? <RevokeButton grant={g} /> : null) }]
      : []),
  ];

  return (
    <div className="gov-container page-body">
      <PageTitle title={t(title)} />
      <h1>{t(title)}</h1>
      <p>{t(enterpriseView ? 'agents.intro' : 'agents.receivedIntro')}</p>
      {asAgent ? <Alert type="info" showIcon title={t('agents.agentCannotManage')} className="block-gap" /> : null}
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data ? (
        <Card className="block-gap">
          <Table<AgentAuthorization>
            rowKey="id"
            columns={columns}
            dataSource={list.data.items}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t(enterpriseView ? 'agents.empty' : 'agents.receivedEmpty') }}
          />
        </Card>
      ) : null}
      {enterpriseView && !asAgent ? <AddAgentCard /> : null}
    </div>
  );
}
