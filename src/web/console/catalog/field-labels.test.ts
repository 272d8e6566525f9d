import { describe, expect, it } from 'vitest';
import { buildGuide } from '../../../../test/support/catalog-factories.ts';
import { GuideContent } from '../../../common/schemas/catalog.ts';
import { translator } from '../../i18n/index.ts';
import { stepBlocks } from '../../portal/catalog/format.ts';
import { formatValue } from './diff-view.tsx';
import { fieldPathLabel } from './field-labels.ts';

const t = translator('zh');
const guide = GuideContent.parse(buildGuide());

describe('catalog field labels', () => {
  it('names the fields of the automatic checks in words, list entries by their name', () => {
    expect(fieldPathLabel('content.promisedLimit.days', t, guide)).toBe('承诺办结时限 › 天数');
    expect(fieldPathLabel('content.materials.1.source', t, guide)).toBe('申请材料 › 第2项（营业执照） › 材料来源');
    expect(fieldPathLabel('content.materials.0.form', t, guide)).toBe('申请材料 › 第1项（食品经营许可申请书） › 材料形式');
    expect(fieldPathLabel('content.processSteps', t, guide)).toBe('办理流程');
    expect(fieldPathLabel('content.unknownThing', t, null)).toBe('unknownThing');
  });

  it('writes diff values compactly: limits, materials, steps', () => {
    expect(formatValue('promisedLimit', { days: 3, unit: 'working_day' }, t)).toBe('3 个工作日');
    expect(formatValue('materials', guide.materials[1], t)).toBe('营业执照（复印件 · 电子 · 必要 · 1 份 · 电子证照：营业执照）');
    expect(formatValue('servesTo', ['person', 'legal_person'], t)).toBe('个人；法人');
    expect(formatValue('fees', [], t)).toBe('（空）');
  });

  it('groups parallel steps together at the place of the first one', () => {
    const blocks = stepBlocks(guide.processSteps);
    expect(blocks.map((b) => (b.kind === 'single' ? b.step.key : b.steps.map((s) => s.key).join('+')))).toEqual(['accept', 'review-scjg+review-wjw', 'decide']);
  });
});
