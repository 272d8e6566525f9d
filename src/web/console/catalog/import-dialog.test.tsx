// @vitest-environment happy-dom
import { fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportJob } from '../../api/catalog-xlsx.ts';
import { installDomStubs, json, renderApp, resetDom, stubFetch } from '../../test/render.tsx';
import { ImportDialog } from './import-dialog.tsx';

const JOB = '6b327df4-0fa9-4b0b-9d94-8f7ae1c2d307';
const DRAFT = '7c438e05-1aba-4c1c-8ea5-9a8bf2d3e408';
const IMPL = '8d549f16-2bcb-4d2d-9fb6-ab9c03e4f509';

function job(o: Partial<ImportJob>): ImportJob {
  return { id: JOB, status: 'validating', processed: 1, total: 3, fileName: 'a.xlsx', errors: [], drafts: [], unchanged: 0, createdAt: '2026-11-23T02:00:00.000Z', finishedAt: null, ...o };
}

/** Upload a file through the dialog's dragger, answering the job's polls in turn. */
async function uploadWith(answers: ImportJob[]) {
  let poll = 0;
  const { calls } = stubFetch({
    'POST /api/v1/catalog/imports': () => json(202, { id: JOB }),
    [`GET /api/v1/catalog/imports/${JOB}`]: () => json(200, answers[Math.min(poll++, answers.length - 1)]),
  });
  const { container } = renderApp(<ImportDialog onClose={() => undefined} />);
  const input = document.body.querySelector('input[type=file]') ?? container.querySelector('input[type=file]');
  if (!input) throw new Error('no file input');
  fireEvent.change(input, { target: { files: [new File(['PK'], '事项清单.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })] } });
  return calls;
}

describe('import dialog', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('follows the job and lists every row error by sheet, row and column', async () => {
    const calls = await uploadWith([
      job({}),
      job({ status: 'failed', processed: 3, errors: [{ sheet: '事项清单', row: 3, column: '承诺时限', field: 'promisedLimit.days', message: '承诺时限应为非负整数，填写的是“abc”' }] }),
    ]);
    expect(await screen.findByText('承诺时限应为非负整数，填写的是“abc”', {}, { timeout: 3000 })).toBeTruthy();
    expect(screen.getByText('发现 1 处问题，请在工作簿中改正后重新导入')).toBeTruthy();
    const cells = screen.getAllByRole('cell').map((c) => c.textContent);
    expect(cells.slice(0, 3)).toEqual(['事项清单', '3', '承诺时限']);
    expect(calls.find((c) => c.method === 'POST')?.path).toBe('/api/v1/catalog/imports');
  });

  it('lists the drafts created, each linking to its version', async () => {
    await uploadWith([job({ status: 'done', processed: 3, unchanged: 2, drafts: [{ implementationId: IMPL, versionId: DRAFT, version: 2, code: '11350703MB0000000X4000101001000', name: '食品经营许可（新办）', changedFields: [{ path: 'promisedLimit', label: '承诺办结时限' }] }] })]);
    const link = await screen.findByRole('link', { name: '食品经营许可（新办）（第2版）' }, { timeout: 3000 });
    expect(link.getAttribute('href')).toBe(`/console/catalog/versions/${DRAFT}`);
    expect(screen.getByText('承诺办结时限')).toBeTruthy();
    expect(screen.getByText('已生成 1 份变更草稿（2 项无变化），请逐项提交审核')).toBeTruthy();
  });
});
