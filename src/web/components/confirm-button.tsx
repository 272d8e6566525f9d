import { Button, Popconfirm } from 'antd';
import { useT } from '../i18n/index.ts';

/** A link-style action that asks first (Popconfirm with 确定 / 取消); `danger` colours both. */
export function ConfirmButton({ label, question, onConfirm, danger = false }: { label: string; question: string; onConfirm: () => void; danger?: boolean }) {
  const t = useT();
  return (
    <Popconfirm title={question} okText={t('common.confirm')} cancelText={t('common.cancel')} okButtonProps={danger ? { danger: true } : undefined} onConfirm={onConfirm}>
      <Button type="link" danger={danger}>
        {label}
      </Button>
    </Popconfirm>
  );
}
