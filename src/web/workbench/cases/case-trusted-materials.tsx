import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form, Modal, Table, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { z } from 'zod';
import type { TrustedMaterialView } from '../../../common/schemas/licenses.ts';
import type { CaseView } from '../../api/cases.ts';
import { api } from '../../api/client.ts';
import { useMe } from '../../auth/session.ts';
import { useErrorText } from '../../components/error-text.ts';
import { ScrollRegion } from '../../components/scroll-region.tsx';
import { useT } from '../../i18n/index.ts';

type Trusted = z.infer<typeof TrustedMaterialView>;
type Material = CaseView['materials'][number];

const VERIFIABLE_STATES: CaseView['state'][] = ['submitted', 'supplementing', 'processing', 'suspended', 'completed', 'delivered'];

/**
 * 材料核验: the window (or the approver) checks an uploaded material against the original once and
 * keeps it for the applicant as a trusted material (可信电子材料), reusable in later applications.
 */
export function CaseTrustedMaterials({ c }: { c: CaseView }) {
  const t = useT();
  const errorText = useErrorText();
  const roles = useMe().data?.account.roles ?? [];
  const [target, setTarget] = useState<Material | null>(null);
  const [until, setUntil] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [verified, setVerified] = useState<Record<string, Trusted>>({});
  const uploads = c.materials.filter((m) => m.entry?.via === 'upload');
  if (!roles.some((r) => r === 'window_clerk' || r === 'approver') || uploads.length === 0 || !VERIFIABLE_STATES.includes(c.state)) return null;

  async function confirm(m: Material): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const v = await api.post<Trusted>('/api/v1/licenses/trusted-materials', { caseId: c.id, materialKey: m.key, ...(until ? { validUntil: until.format('YYYY-MM-DD') } : {}) });
      setVerified((s) => ({ ...s, [m.key]: v }));
      setTarget(null);
      setUntil(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const columns: TableColumnsType<Material> = [
    { title: t('case.material'), dataIndex: 'name' },
    { title: t('case.provided'), key: 'files', render: (_, m) => (m.entry?.via === 'upload' ? t('case.via.upload', { n: m.entry.fileIds.length }) : '') },
    {
      title: t('trusted.state'), key: 'action',
      render: (_, m) => {
        const v = verified[m.key];
        if (v) return <span className="status-tag status-ok">{t('trusted.done', { name: v.verifierName })}</span>;
        return (
          <Button size="small" icon={<SafetyCertificateOutlined />} onClick={() => setTarget(m)}>
            {t('trusted.verify')}
          </Button>
        );
      },
    },
  ];
  return (
    <Card title={<h2 className="card-title">{t('trusted.title')}</h2>} className="block-gap">
      <p className="muted">{t('trusted.lead')}</p>
      <ScrollRegion label={t('trusted.title')}>
        <Table rowKey="key" columns={columns} dataSource={uploads} pagination={false} size="small" />
      </ScrollRegion>
      <Modal
        open={target !== null}
        title={t('trusted.confirmTitle', { name: target?.name ?? '' })}
        okText={t('trusted.confirm')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onOk={() => (target ? void confirm(target) : undefined)}
        onCancel={() => {
          setTarget(null);
          setError(null);
        }}
      >
        <p>{t('trusted.confirmBody')}</p>
        <Form layout="vertical">
          <Form.Item label={t('trusted.validUntil')} htmlFor="trusted-valid-until" extra={t('trusted.validUntilHint')}>
            <DatePicker id="trusted-valid-until" value={until} onChange={(d) => setUntil(d)} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
        {error ? <Alert type="error" showIcon title={error} /> : null}
      </Modal>
    </Card>
  );
}
