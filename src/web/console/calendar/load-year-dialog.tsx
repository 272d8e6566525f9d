import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import type { CalendarYearView } from '../../api/calendar.ts';
import { useLoadCalendarYear } from '../../api/calendar.ts';
import { ApiError } from '../../api/client.ts';
import { useErrorText } from '../../components/error-text.ts';
import { translateIssue, useT } from '../../i18n/index.ts';
import { usePrefs } from '../../prefs/prefs.tsx';
import { formatScheduleText, type ParsedDay, parseScheduleText } from './schedule-text.ts';

interface Values {
  noticeRef: string;
  holidays: string;
  workdays: string;
}

type ListField = 'holidays' | 'workdays';

/**
 * Load (or replace) a year's schedule from the State Council's notice: the notice reference and the
 * holidays and 调休 days pasted one period per line. A replacement starts from the year's current days.
 */
export function LoadYearDialog({ year, current, onClose }: { year: number; current: CalendarYearView | null; onClose: () => void }) {
  const t = useT();
  const { lang } = usePrefs();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);
  const load = useLoadCalendarYear();

  const holidaysText = Form.useWatch('holidays', form) ?? '';
  const workdaysText = Form.useWatch('workdays', form) ?? '';
  const preview = { holidays: parseScheduleText(holidaysText).days.length, workdays: parseScheduleText(workdaysText).days.length };

  const initialValues: Values = {
    noticeRef: current?.schedule?.source === 'official notice' ? current.schedule.noticeRef : '',
    holidays: formatScheduleText(current?.days.filter((d) => d.kind === 'holiday') ?? []),
    workdays: formatScheduleText(current?.days.filter((d) => d.kind === 'workday') ?? []),
  };

  /** Server issues name list items ("holidays.12.date"): show them as lines of the text box they came from. */
  const showServerError = (error: unknown, sent: Record<ListField, ParsedDay[]>) => {
    if (!(error instanceof ApiError) || error.fieldIssues.length === 0) {
      setFormError(errorText(error));
      return;
    }
    const byField = new Map<keyof Values, string[]>();
    for (const issue of error.fieldIssues) {
      const m = /^(holidays|workdays)(?:\.(\d+))?/.exec(issue.path);
      const field: keyof Values | null = (m?.[1] as ListField | undefined) ?? (issue.path === 'noticeRef' ? 'noticeRef' : null);
      const text = translateIssue(issue.message, lang);
      if (!field) {
        setFormError(`${issue.path}: ${text}`);
        continue;
      }
      const line = m?.[2] !== undefined && field !== 'noticeRef' ? sent[field][Number(m[2])]?.line : undefined;
      byField.set(field, [...(byField.get(field) ?? []), line ? t('calendar.lineIssue', { line, message: text }) : text]);
    }
    form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  };

  const submit = (v: Values) => {
    setFormError(null);
    const h = parseScheduleText(v.holidays ?? '');
    const w = parseScheduleText(v.workdays ?? '');
    const unreadable = [
      { name: 'holidays' as const, issues: h.issues },
      { name: 'workdays' as const, issues: w.issues },
    ].filter((x) => x.issues.length > 0);
    if (unreadable.length > 0) {
      form.setFields(unreadable.map((x) => ({ name: x.name, errors: x.issues.map((i) => t('calendar.unreadable', { line: i.line, text: i.text })) })));
      return;
    }
    const sent = { holidays: h.days, workdays: w.days };
    load.mutate(
      {
        year,
        body: {
          noticeRef: v.noticeRef,
          holidays: h.days.map(({ date, name }) => ({ date, name })),
          workdays: w.days.map(({ date, name }) => ({ date, name })),
        },
      },
      {
        onSuccess: () => {
          void message.success(t('calendar.loaded', { year }));
          onClose();
        },
        onError: (e) => showServerError(e, sent),
      },
    );
  };

  return (
    <Modal
      open
      width={720}
      title={t(current?.schedule ? 'calendar.replaceTitle' : 'calendar.loadTitle', { year })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={load.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p className="page-lead">{t('calendar.loadHint', { year })}</p>
      {formError ? <Alert type="error" showIcon title={formError} className="block-gap" /> : null}
      <Form<Values> form={form} name="load-year" layout="vertical" initialValues={initialValues} onFinish={submit}>
        <Form.Item name="noticeRef" label={t('calendar.noticeRef')} rules={[{ required: true, whitespace: true, message: t('calendar.noticeRefRequired') }]}>
          <Input maxLength={200} placeholder={t('calendar.noticeRefPlaceholder', { year })} />
        </Form.Item>
        <Form.Item name="holidays" label={t('calendar.holidaysField')} extra={t('calendar.holidaysExtra', { n: preview.holidays })} rules={[{ required: true, whitespace: true, message: t('calendar.holidaysRequired') }]}>
          <Input.TextArea rows={8} placeholder={`${year}-10-01~${year}-10-07 国庆节`} className="mono" />
        </Form.Item>
        <Form.Item name="workdays" label={t('calendar.workdaysField')} extra={t('calendar.workdaysExtra', { n: preview.workdays })}>
          <Input.TextArea rows={4} placeholder={`${year}-10-10 国庆节`} className="mono" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
