import { Alert, Button, Drawer, Form, Input, Modal, Select, Switch, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { DELIVERY_STATUSES, DEPARTMENT_EVENTS } from '../../common/schemas/department-systems.ts';
import {
  departmentSystemsApi,
  type DeliveryStatus,
  type DeliveryView,
  type DepartmentEvent,
  type DepartmentSystemView,
  type DepartmentSystemWithSecret,
  useDeliveries,
  useDepartmentSystemMutation,
  useDepartmentSystems,
} from '../api/department-systems.ts';
import { ConfirmButton } from '../components/confirm-button.tsx';
import { useErrorText } from '../components/error-text.ts';
import { Filter, ListPage } from '../components/list-page.tsx';
import { DepartmentSelect, RegionTreeSelect } from '../components/org-selects.tsx';
import { ActiveTag } from '../components/status-tag.tsx';
import { useT } from '../i18n/index.ts';
import { usePrefs } from '../prefs/prefs.tsx';
import { CITY_CODE, formatDateTime } from '../site.ts';

const PAGE_SIZE = 20;
const STATUS_CLASS: Record<DeliveryStatus, string> = {
  pending: 'status-tag status-warn',
  delivered: 'status-tag status-ok',
  failed: 'status-tag status-off',
};

interface FormValues {
  regionCode?: string;
  departmentId?: string;
  name: string;
  webhookUrl: string;
  events: DepartmentEvent[];
  active: boolean;
}

/** Register or edit one system; a new registration answers with its secret (shown once by the page). */
function SystemForm({ editing, onClose, onSecret }: { editing: DepartmentSystemView | null; onClose: () => void; onSecret: (s: DepartmentSystemWithSecret) => void }) {
  const t = useT();
  const errorText = useErrorText();
  const [form] = Form.useForm<FormValues>();
  const regionCode = Form.useWatch('regionCode', form);
  const create = useDepartmentSystemMutation(departmentSystemsApi.create);
  const update = useDepartmentSystemMutation(({ id, body }: { id: string; body: Parameters<typeof departmentSystemsApi.update>[1] }) => departmentSystemsApi.update(id, body));
  const failed = create.error ?? update.error;
  const submit = async (v: FormValues) => {
    if (editing) {
      await update.mutateAsync({ id: editing.id, body: { name: v.name, webhookUrl: v.webhookUrl, events: v.events, active: v.active } });
    } else {
      onSecret(await create.mutateAsync({ departmentId: v.departmentId ?? '', name: v.name, webhookUrl: v.webhookUrl, events: v.events, active: v.active }));
    }
    onClose();
  };
  return (
    <Modal
      open
      title={editing ? t('deptSys.edit') : t('deptSys.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={editing ? { name: editing.name, webhookUrl: editing.webhookUrl, events: editing.events, active: editing.active } : { regionCode: CITY_CODE, events: ['case.accepted'], active: true }}
        onFinish={(v) => void submit(v).catch(() => undefined)}
      >
        {editing ? (
          <p>
            {t('deptSys.department')}：<strong>{editing.departmentName}</strong>
          </p>
        ) : (
          <>
            <Form.Item name="regionCode" label={t('dept.region')} htmlFor="ds-region">
              <RegionTreeSelect id="ds-region" />
            </Form.Item>
            <Form.Item name="departmentId" label={t('deptSys.department')} htmlFor="ds-dept" rules={[{ required: true, message: t('org.chooseDepartment') }]}>
              <DepartmentSelect id="ds-dept" regionCode={regionCode} />
            </Form.Item>
          </>
        )}
        <Form.Item name="name" label={t('deptSys.name')} htmlFor="ds-name" rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input id="ds-name" placeholder={t('deptSys.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="webhookUrl" label={t('deptSys.webhookUrl')} htmlFor="ds-url" rules={[{ required: true, type: 'url', message: t('deptSys.urlInvalid') }]}>
          <Input id="ds-url" placeholder="https://" />
        </Form.Item>
        <Form.Item name="events" label={t('deptSys.events')} htmlFor="ds-events" rules={[{ required: true, type: 'array', min: 1 }]}>
          <Select<DepartmentEvent[]> id="ds-events" mode="multiple" options={DEPARTMENT_EVENTS.map((e) => ({ value: e, label: t(`deptSys.event.${e}`) }))} />
        </Form.Item>
        <Form.Item name="active" label={t('deptSys.active')} valuePropName="checked" htmlFor="ds-active">
          <Switch id="ds-active" />
        </Form.Item>
        {failed ? <Alert type="error" showIcon title={errorText(failed)} /> : null}
      </Form>
    </Modal>
  );
}

/** The secret, once: after registration or rotation. */
function SecretModal({ system, onClose }: { system: DepartmentSystemWithSecret; onClose: () => void }) {
  const t = useT();
  return (
    <Modal open title={t('deptSys.secretTitle')} onOk={onClose} onCancel={onClose} okText={t('deptSys.secretSaved')} cancelButtonProps={{ style: { display: 'none' } }}>
      <Alert type="warning" showIcon title={t('deptSys.secretOnce')} className="block-gap" />
      <p>{system.name}（{system.departmentName}）</p>
      <Typography.Paragraph copyable={{ text: system.secret }} code>
        {system.secret}
      </Typography.Paragraph>
    </Modal>
  );
}

/** Recent deliveries of one system, with 重新推送 for failed ones. */
function DeliveriesDrawer({ system, onClose }: { system: DepartmentSystemView; onClose: () => void }) {
  const t = useT();
  const { lang } = usePrefs();
  const errorText = useErrorText();
  const [status, setStatus] = useState<DeliveryStatus | undefined>();
  const [page, setPage] = useState(1);
  const q = useDeliveries(system.id, { status, page, pageSize: PAGE_SIZE });
  const retry = useDepartmentSystemMutation(departmentSystemsApi.retry);
  const columns: TableColumnsType<DeliveryView> = [
    { title: t('outbox.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, lang), width: 170 },
    { title: t('deptSys.caseNumber'), dataIndex: 'caseNumber', render: (v: string | null) => v ?? '—' },
    { title: t('deptSys.event'), dataIndex: 'event', render: (v: string) => t(`deptSys.event.${v as DepartmentEvent}`) },
    { title: t('common.status'), dataIndex: 'status', render: (v: DeliveryStatus) => <span className={STATUS_CLASS[v]}>{t(`deptSys.status.${v}`)}</span> },
    { title: t('outbox.attempts'), dataIndex: 'attempts' },
    { title: t('deptSys.lastStatusCode'), dataIndex: 'lastStatusCode', render: (v: number | null) => v ?? '—' },
    { title: t('outbox.lastError'), dataIndex: 'lastError', render: (v: string | null) => v ?? '—' },
    { title: t('deptSys.deliveredAt'), dataIndex: 'deliveredAt', render: (v: string | null) => formatDateTime(v, lang), width: 170 },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, d) => (d.status === 'failed' ? <ConfirmButton label={t('deptSys.retry')} question={t('deptSys.retryQuestion')} onConfirm={() => retry.mutate(d.id)} /> : null),
    },
  ];
  return (
    <Drawer open title={`${t('deptSys.deliveries')} · ${system.name}`} onClose={onClose} size={1000}>
      <Filter htmlFor="ds-delivery-status" label={t('common.status')}>
        <Select<DeliveryStatus>
          id="ds-delivery-status"
          allowClear
          placeholder={t('common.all')}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`deptSys.status.${s}`) }))}
          style={{ minWidth: 120 }}
        />
      </Filter>
      {retry.error ? <Alert type="error" showIcon title={errorText(retry.error)} className="block-gap" /> : null}
      <Table<DeliveryView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={q.data?.items ?? []}
        loading={q.isFetching}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: q.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        scroll={{ x: true }}
      />
      <p className="muted">{t('deptSys.deliveriesNote')}</p>
    </Drawer>
  );
}

/** 部门自建系统: register a department's own system, rotate its secret, watch and retry deliveries (system admins). */
export function DepartmentSystemsPage() {
  const t = useT();
  const { lang } = usePrefs();
  const q = useDepartmentSystems();
  const [editing, setEditing] = useState<DepartmentSystemView | null | undefined>();
  const [secret, setSecret] = useState<DepartmentSystemWithSecret | null>(null);
  const [deliveriesOf, setDeliveriesOf] = useState<DepartmentSystemView | null>(null);
  const rotate = useDepartmentSystemMutation(departmentSystemsApi.rotate);
  const columns: TableColumnsType<DepartmentSystemView> = [
    { title: t('deptSys.department'), dataIndex: 'departmentName' },
    { title: t('deptSys.name'), dataIndex: 'name' },
    { title: t('deptSys.webhookUrl'), dataIndex: 'webhookUrl', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t('deptSys.events'), dataIndex: 'events', render: (v: DepartmentEvent[]) => v.map((e) => t(`deptSys.event.${e}`)).join('、') },
    { title: t('common.status'), dataIndex: 'active', render: (a: boolean) => <ActiveTag active={a} /> },
    { title: t('deptSys.secretRotatedAt'), dataIndex: 'secretRotatedAt', render: (v: string) => formatDateTime(v, lang), width: 170 },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, s) => (
        <>
          <Button type="link" onClick={() => setEditing(s)}>{t('deptSys.edit')}</Button>
          <Button type="link" onClick={() => setDeliveriesOf(s)}>{t('deptSys.deliveries')}</Button>
          <ConfirmButton label={t('deptSys.rotate')} question={t('deptSys.rotateQuestion')} danger onConfirm={() => void rotate.mutateAsync(s.id).then(setSecret, () => undefined)} />
        </>
      ),
    },
  ];
  return (
    <ListPage<DepartmentSystemView>
      title={t('console.departmentSystems')}
      action={<Button type="primary" onClick={() => setEditing(null)}>{t('deptSys.create')}</Button>}
      result={q}
      columns={columns}
    >
      <p className="muted block-gap">{t('deptSys.note')}</p>
      {editing !== undefined ? <SystemForm editing={editing} onClose={() => setEditing(undefined)} onSecret={setSecret} /> : null}
      {secret ? <SecretModal system={secret} onClose={() => setSecret(null)} /> : null}
      {deliveriesOf ? <DeliveriesDrawer system={deliveriesOf} onClose={() => setDeliveriesOf(null)} /> : null}
    </ListPage>
  );
}
