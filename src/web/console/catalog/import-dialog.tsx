import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Modal, Progress, Table, Upload, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { LIMITS } from '../../../common/limits.ts';
import { catalogKeys } from '../../api/catalog.ts';
import { isFinished, uploadCatalogImport, useImportJob, type ImportDraft, type ImportJob, type ImportRowError } from '../../api/catalog-xlsx.ts';
import { ApiError } from '../../api/client.ts';
import { useT } from '../../i18n/index.ts';

const MAX_MB = LIMITS.catalogImportMaxBytes / 1024 / 1024;

/** Percent of the job done: validation is most of the work, writing the drafts the last step. */
function percentOf(job: ImportJob | undefined): number {
  if (!job) return 0;
  if (isFinished(job)) return 100;
  if (job.status === 'applying') return 95;
  return job.total > 0 ? Math.min(90, Math.round((job.processed / job.total) * 90)) : 0;
}

/**
 * 导入: upload a workbook, follow the job with a progress bar, then show either every row error
 * (sheet, row, column, problem) or the drafts it opened, each linking to its version page.
 */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const job = useImportJob(jobId);
  const data = job.data;
  const finished = isFinished(data);

  const start = async (file: File) => {
    setUploadError(null);
    if (!/\.xlsx$/i.test(file.name)) {
      setUploadError(t('catalogXlsx.notXlsx'));
      return;
    }
    if (file.size > LIMITS.catalogImportMaxBytes) {
      setUploadError(t('catalogXlsx.tooLarge', { mb: MAX_MB }));
      return;
    }
    setUploading(true);
    try {
      setJobId(await uploadCatalogImport(file));
    } catch (e) {
      setUploadError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setUploading(false);
    }
  };
  const close = () => {
    // New drafts change the lists the console shows.
    if (data?.status === 'done' && data.drafts.length > 0) void qc.invalidateQueries({ queryKey: catalogKeys.all });
    onClose();
  };

  const errorColumns: TableColumnsType<ImportRowError> = [
    { title: t('catalogXlsx.colSheet'), dataIndex: 'sheet', width: 100 },
    { title: t('catalogXlsx.colRow'), dataIndex: 'row', width: 70, render: (r: number | null) => r ?? '—' },
    { title: t('catalogXlsx.colColumn'), dataIndex: 'column', width: 120, render: (c: string | null) => c ?? '—' },
    { title: t('catalogXlsx.colMessage'), dataIndex: 'message' },
  ];
  const draftColumns: TableColumnsType<ImportDraft> = [
    {
      title: t('catalogAdmin.itemName'),
      key: 'name',
      render: (_: unknown, d) => <Link to={`/console/catalog/versions/${d.versionId}`} onClick={close}>{t('catalogAdmin.nameVersion', { name: d.name, n: d.version })}</Link>,
    },
    { title: t('guide.implementationCode'), dataIndex: 'code', render: (c: string) => <span className="code-text">{c}</span> },
    { title: t('catalogXlsx.changed'), key: 'changed', render: (_: unknown, d) => d.changedFields.map((f) => f.label).join('、') },
  ];

  return (
    <Modal
      open
      title={t('catalogXlsx.importTitle')}
      onCancel={close}
      width={880}
      footer={[
        finished ? (
          <Button key="again" onClick={() => setJobId(null)}>
            {t('catalogXlsx.again')}
          </Button>
        ) : null,
        <Button key="close" type="primary" onClick={close}>
          {t('catalogXlsx.close')}
        </Button>,
      ]}
    >
      <p className="muted">{t('catalogXlsx.importLead')}</p>
      {jobId === null ? (
        <>
          <Upload.Dragger
            accept=".xlsx"
            multiple={false}
            showUploadList={false}
            disabled={uploading}
            beforeUpload={(file) => {
              void start(file);
              // The file goes up through our own call, not antd's uploader.
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{uploading ? t('catalogXlsx.uploading') : t('catalogXlsx.dropHint')}</p>
            <p className="ant-upload-hint">{t('catalogXlsx.sizeHint', { mb: MAX_MB })}</p>
          </Upload.Dragger>
          {uploadError ? <Alert type="error" showIcon className="block-gap" title={uploadError} /> : null}
        </>
      ) : (
        <div aria-live="polite">
          <Progress
            percent={percentOf(data)}
            status={data?.status === 'failed' ? 'exception' : finished ? 'success' : 'active'}
            aria-label={t('catalogXlsx.progressLabel')}
          />
          <p>
            {data ? t(`catalogXlsx.status.${data.status}`) : t('common.loading')}
            {data && !finished ? ` · ${t('catalogXlsx.progress', { processed: data.processed, total: data.total })}` : null}
          </p>
          {job.isError ? <Alert type="error" showIcon title={job.error instanceof ApiError ? job.error.message : String(job.error)} /> : null}
          {data?.status === 'failed' ? (
            <>
              <Alert type="error" showIcon className="block-gap" title={t('catalogXlsx.errorsTitle', { n: data.errors.length })} />
              <Table rowKey={(e) => `${e.sheet}-${e.row ?? 0}-${e.column ?? ''}-${e.message}`} size="small" columns={errorColumns} dataSource={data.errors} pagination={{ pageSize: 20, hideOnSinglePage: true }} />
            </>
          ) : null}
          {data?.status === 'done' ? (
            <>
              <Alert
                type="success"
                showIcon
                className="block-gap"
                title={data.drafts.length > 0 ? t('catalogXlsx.doneSummary', { drafts: data.drafts.length, unchanged: data.unchanged }) : t('catalogXlsx.noChanges')}
              />
              {data.drafts.length > 0 ? (
                <Table rowKey="versionId" size="small" columns={draftColumns} dataSource={data.drafts} pagination={{ pageSize: 20, hideOnSinglePage: true }} />
              ) : null}
            </>
          ) : null}
        </div>
      )}
    </Modal>
  );
}
