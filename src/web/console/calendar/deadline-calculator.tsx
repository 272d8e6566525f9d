import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form, InputNumber, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { type DeadlineQuery, useDeadline } from '../../api/calendar.ts';
import { useErrorText } from '../../components/error-text.ts';
import { TimeLimitStatus } from '../../components/time-limit-status.tsx';
import { useT } from '../../i18n/index.ts';

interface Values {
  start?: Dayjs;
  days?: number;
  unit: 'working_day' | 'natural_day';
  asOf?: Dayjs | null;
  pauses?: { range?: [Dayjs | null, Dayjs | null] | null }[];
}

const ISO = 'YYYY-MM-DD';

/** Values → the calculator query; pauses without a start are left out, a pause without an end is still running. */
export function toDeadlineQuery(v: Values): DeadlineQuery | null {
  if (!v.start || v.days === undefined || v.days === null) return null;
  const pauses = (v.pauses ?? [])
    .map((p) => p.range)
    .filter((r): r is [Dayjs, Dayjs | null] => Boolean(r?.[0]))
    .map(([from, to]) => `${from.format(ISO)}/${to ? to.format(ISO) : ''}`);
  return {
    start: v.start.format(ISO),
    days: v.days,
    unit: v.unit,
    ...(v.asOf ? { asOf: v.asOf.format(ISO) } : {}),
    ...(pauses.length > 0 ? { pauses: pauses.join(',') } : {}),
  };
}

/** 办理时限计算: acceptance date + limit (+ pauses) → due date, days used and left, provisional. */
export function DeadlineCalculator() {
  const t = useT();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [query, setQuery] = useState<DeadlineQuery | null>(null);
  const result = useDeadline(query);

  return (
    <Card className="block-gap" title={<h2 className="card-title">{t('calendar.calculator')}</h2>}>
      <p className="page-lead">{t('calendar.calcHint')}</p>
      <Form<Values>
        form={form}
        name="deadline"
        layout="vertical"
        initialValues={{ unit: 'working_day', days: 20 }}
        onFinish={(v) => setQuery(toDeadlineQuery(v))}
        className="deadline-form"
      >
        <div className="deadline-fields">
          <Form.Item name="start" label={t('calendar.start')} rules={[{ required: true, message: t('common.required') }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="days" label={t('calendar.days')} rules={[{ required: true, message: t('common.required') }]}>
            <InputNumber min={0} max={3650} precision={0} />
          </Form.Item>
          <Form.Item name="unit" label={t('calendar.unit')}>
            <Radio.Group
              options={[
                { value: 'working_day', label: t('time.unitWorking') },
                { value: 'natural_day', label: t('time.unitNatural') },
              ]}
            />
          </Form.Item>
          <Form.Item name="asOf" label={t('calendar.asOf')} extra={t('calendar.asOfHint')}>
            <DatePicker />
          </Form.Item>
        </div>
        <Form.List name="pauses">
          {(fields, { add, remove }) => (
            <div className="deadline-pauses">
              <div className="deadline-pauses-head">
                <span>{t('calendar.pauses')}</span>
                <Button size="small" icon={<PlusOutlined />} onClick={() => add({})}>
                  {t('calendar.addPause')}
                </Button>
              </div>
              {fields.map((f, i) => (
                <div key={f.key} className="deadline-pause">
                  <Form.Item name={[f.name, 'range']} label={t('calendar.pauseN', { n: i + 1 })} extra={t('calendar.pauseHint')}>
                    <DatePicker.RangePicker allowEmpty={[false, true]} />
                  </Form.Item>
                  <Button aria-label={t('calendar.removePause', { n: i + 1 })} icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                </div>
              ))}
            </div>
          )}
        </Form.List>
        <Button type="primary" htmlType="submit" loading={result.isFetching}>
          {t('calendar.compute')}
        </Button>
      </Form>
      <div aria-live="polite" className="block-gap">
        {result.isError ? <Alert type="error" showIcon title={errorText(result.error)} /> : null}
        {result.data ? <TimeLimitStatus limit={result.data} /> : null}
      </div>
    </Card>
  );
}
