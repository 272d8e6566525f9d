// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MyCaseRating } from '../../api/ratings.ts';
import { installDomStubs, json, renderApp, resetDom, stubFetch } from '../../test/render.tsx';
import { RateCaseCard } from './rate-case.tsx';

const CASE = '8b9e3c1a-1111-4a2b-9c3d-000000000001';
const URL_MINE = `GET /api/v1/supervision/ratings/mine/${CASE}`;
const RATING = {
  id: '8b9e3c1a-2222-4a2b-9c3d-000000000002', caseId: CASE, channel: 'online' as const, realName: true, overall: 1, efficiency: 2, guideAccuracy: 3, convenience: 2, usability: 4,
  standard: null, attitude: null, causes: ['overdue' as const], comment: '超过承诺时限', bad: true, createdAt: '2026-12-02T02:00:00.000Z',
};

/** Click the n-th star (1–5) of the dimension whose stars are labelled `label`. */
function star(label: string, n: number): void {
  const group = screen.getByLabelText(label);
  const radios = within(group).getAllByRole('radio');
  const target = radios[n - 1];
  if (!target) throw new Error(`no star ${String(n)} for ${label}`);
  fireEvent.click(target.querySelector('.ant-rate-star-second') ?? target);
}

describe('评价 card (rate-case)', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('is not shown before the case is finished', () => {
    const { calls } = stubFetch({});
    const { container } = renderApp(<RateCaseCard caseId={CASE} state="processing" />);
    expect(container.textContent).toBe('');
    expect(calls.length).toBe(0);
  });

  it('rates an online case on its five dimensions, with causes and comment, then shows the ticket of a bad rating', async () => {
    let mine: MyCaseRating = { caseId: CASE, canRate: true, channel: 'online', rating: null, ticket: null };
    const { calls } = stubFetch({
      [URL_MINE]: () => json(200, mine),
      'POST /api/v1/supervision/ratings': () => {
        mine = { ...mine, canRate: false, rating: RATING, ticket: { number: 'ZG-350703-20261202-0001', status: 'verifying', dueDate: '2026-12-09', reply: null, repliedAt: null, closedAt: null } };
        return json(201, mine);
      },
    });
    renderApp(<RateCaseCard caseId={CASE} state="completed" />);
    expect(await screen.findByText('请对本次网上办事进行评价（1至5星），评价后不能修改。')).toBeTruthy();
    for (const label of ['总体评价', '办事效率', '办事指南准确性', '办事便捷程度', '平台易用性']) expect(screen.getByLabelText(label)).toBeTruthy();
    expect(screen.queryByLabelText('服务态度')).toBeNull();
    // Each star is named by its level.
    expect(within(screen.getByLabelText('总体评价')).getAllByText('非常不满意').length).toBeGreaterThan(0);

    // Submitting with a dimension left out names it and sends nothing.
    fireEvent.click(screen.getByRole('button', { name: '提交评价' }));
    expect(await screen.findByText('请评价“总体评价”')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    star('总体评价', 1);
    star('办事效率', 2);
    star('办事指南准确性', 3);
    star('办事便捷程度', 2);
    star('平台易用性', 4);
    expect(await screen.findByText('差评将由办理部门核实整改，并在规定期限内答复您。')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('办理超时'));
    fireEvent.change(screen.getByLabelText('评价内容'), { target: { value: '超过承诺时限' } });
    fireEvent.click(screen.getByRole('button', { name: '提交评价' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({ caseId: CASE, overall: 1, efficiency: 2, guideAccuracy: 3, convenience: 2, usability: 4, causes: ['overdue'], comment: '超过承诺时限' });

    expect(await screen.findByText('感谢您的评价。')).toBeTruthy();
    expect(screen.getByText('差评整改进度（工单 ZG-350703-20261202-0001）')).toBeTruthy();
    expect(screen.getByText('办理期限：2026-12-09')).toBeTruthy();
    expect(screen.queryByText('部门答复')).toBeNull();
  });

  it('shows the department’s reply once the ticket is answered, and the four hall dimensions for a window case', async () => {
    stubFetch({
      [URL_MINE]: () =>
        json(200, {
          caseId: CASE, canRate: false, channel: 'online', rating: RATING,
          ticket: { number: 'ZG-350703-20261202-0001', status: 'closed', dueDate: '2026-12-09', reply: '已调整审批排班，感谢监督', repliedAt: '2026-12-03T02:00:00.000Z', closedAt: '2026-12-04T02:00:00.000Z' },
        } satisfies MyCaseRating),
    });
    renderApp(<RateCaseCard caseId={CASE} state="delivered" />);
    expect(await screen.findByText('部门答复')).toBeTruthy();
    expect(screen.getByText('已调整审批排班，感谢监督')).toBeTruthy();
    expect(screen.getByText('超过承诺时限')).toBeTruthy();
    resetDom();

    installDomStubs();
    stubFetch({ [URL_MINE]: () => json(200, { caseId: CASE, canRate: true, channel: 'hall', rating: null, ticket: null } satisfies MyCaseRating) });
    renderApp(<RateCaseCard caseId={CASE} state="completed" />);
    expect(await screen.findByText('请对本次窗口服务进行评价（1至5星），评价后不能修改。')).toBeTruthy();
    for (const label of ['总体评价', '办事效率', '服务规范', '服务态度']) expect(screen.getByLabelText(label)).toBeTruthy();
    expect(screen.queryByLabelText('平台易用性')).toBeNull();
  });
});
