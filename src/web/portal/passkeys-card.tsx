import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { Alert, App, Button, Card, Form, Input, List, Modal, Tag } from 'antd';
import { useState } from 'react';
import { PASSKEY_NAME_MAX } from '../../common/schemas/passkeys.ts';
import { ApiError } from '../api/client.ts';
import { isPasskeyPromptDismissed, passkeysApi, type PasskeyView } from '../api/passkeys.ts';
import { ConfirmButton } from '../components/confirm-button.tsx';
import { useErrorText } from '../components/error-text.ts';
import { ErrorResult, Loading } from '../components/results.tsx';
import { useT } from '../i18n/index.ts';
import { usePrefs } from '../prefs/prefs.tsx';
import { formatDateTime } from '../site.ts';

const PASSKEYS_KEY = ['passkeys', 'mine'] as const;

/** The name dialog for adding (no passkey yet) or renaming a passkey. */
function NameDialog({ open, initial, title, okText, busy, error, onOk, onCancel }: {
  open: boolean; initial: string; title: string; okText: string; busy: boolean; error: string | null; onOk: (name: string) => void; onCancel: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ name: string }>();
  return (
    <Modal open={open} title={title} okText={okText} cancelText={t('common.cancel')} okButtonProps={{ loading: busy }} onOk={() => form.submit()} onCancel={onCancel} destroyOnHidden>
      <Form form={form} layout="vertical" name="passkey-name" initialValues={{ name: initial }} onFinish={(v) => onOk(v.name.trim())}>
        {error ? <Alert type="error" showIcon title={error} className="block-gap" /> : null}
        <Form.Item name="name" label={t('passkey.name')} extra={t('passkey.nameHint')} rules={[{ required: true, whitespace: true, message: t('passkey.nameRequired') }, { max: PASSKEY_NAME_MAX }]}>
          <Input maxLength={PASSKEY_NAME_MAX} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 通行密钥: the account's passkeys with 添加 / 重命名 / 删除 (citizens, enterprises and staff alike). */
export function PasskeysCard() {
  const t = useT();
  const { lang } = usePrefs();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const supported = browserSupportsWebAuthn();
  const list = useQuery({ queryKey: PASSKEYS_KEY, queryFn: passkeysApi.list });
  const [adding, setAdding] = useState(false);
  const [renaming, setRenaming] = useState<PasskeyView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const explain = (e: unknown): string => {
    if (isPasskeyPromptDismissed(e)) return t('passkey.cancelled');
    if (e instanceof ApiError) return e.fieldIssues.length > 0 ? e.fieldIssues.map((i) => i.message).join('；') : errorText(e);
    return e instanceof Error && e.name === 'InvalidStateError' ? t('passkey.alreadyOnDevice') : t('passkey.failed');
  };

  const add = useMutation({
    mutationFn: (name: string) => passkeysApi.register(name),
    onSuccess: () => {
      setAdding(false);
      setError(null);
      void qc.invalidateQueries({ queryKey: PASSKEYS_KEY });
      void message.success(t('passkey.added'));
    },
    onError: (e) => setError(explain(e)),
  });
  const rename = useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) => passkeysApi.rename(id, name),
    onSuccess: () => {
      setRenaming(null);
      setError(null);
      void qc.invalidateQueries({ queryKey: PASSKEYS_KEY });
      void message.success(t('common.saved'));
    },
    onError: (e) => setError(explain(e)),
  });
  const remove = useMutation({
    mutationFn: (id: string) => passkeysApi.remove(id),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: PASSKEYS_KEY });
      void message.success(t('passkey.deleted'));
    },
    onError: (e) => void message.error(explain(e)),
  });

  return (
    <Card title={<h2 className="card-title">{t('passkey.title')}</h2>} className="block-gap">
      <p>{t('passkey.intro')}</p>
      {!supported ? <Alert type="warning" showIcon className="block-gap" title={t('passkey.unsupported')} /> : null}
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data ? (
        <List
          className="block-gap"
          locale={{ emptyText: t('passkey.none') }}
          dataSource={list.data.items}
          renderItem={(p) => (
            <List.Item
              actions={[
                <Button key="rename" type="link" onClick={() => { setError(null); setRenaming(p); }} aria-label={t('passkey.renameNamed', { name: p.name })}>
                  {t('passkey.rename')}
                </Button>,
                <ConfirmButton key="delete" danger label={t('passkey.delete')} question={t('passkey.deleteConfirm', { name: p.name })} onConfirm={() => remove.mutate(p.id)} />,
              ]}
            >
              <List.Item.Meta
                title={
                  <span>
                    {p.name} {p.deviceType === 'multiDevice' ? <Tag>{t('passkey.synced')}</Tag> : null}
                  </span>
                }
                description={t('passkey.meta', { created: formatDateTime(p.createdAt, lang), used: p.lastUsedAt ? formatDateTime(p.lastUsedAt, lang) : t('passkey.neverUsed') })}
              />
            </List.Item>
          )}
        />
      ) : null}
      <Button type="primary" disabled={!supported} onClick={() => { setError(null); setAdding(true); }}>
        {t('passkey.add')}
      </Button>
      <NameDialog
        open={adding}
        initial={t('passkey.defaultName')}
        title={t('passkey.add')}
        okText={t('passkey.addContinue')}
        busy={add.isPending}
        error={error}
        onOk={(name) => add.mutate(name)}
        onCancel={() => setAdding(false)}
      />
      <NameDialog
        open={renaming !== null}
        initial={renaming?.name ?? ''}
        title={t('passkey.rename')}
        okText={t('common.save')}
        busy={rename.isPending}
        error={error}
        onOk={(name) => renaming && rename.mutate({ id: renaming.id, name })}
        onCancel={() => setRenaming(null)}
      />
    </Card>
  );
}
