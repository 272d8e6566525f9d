import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import type { GuideContent } from '../../src/common/schemas/catalog.ts';

/** A complete, valid guide (食品经营许可-like) with overrides. */
export function buildGuide(o: Partial<z.input<typeof GuideContent>> = {}): z.input<typeof GuideContent> {
  return {
    name: '食品经营许可（新办）',
    itemType: '01',
    legalBases: [{ law: '《中华人民共和国食品安全法》', article: '第三十五条', text: '国家对食品生产经营实行许可制度。' }],
    servesTo: ['person', 'legal_person'],
    themes: ['准营准办'],
    statutoryLimit: { days: 10, unit: 'working_day' },
    promisedLimit: { days: 3, unit: 'working_day' },
    conditions: ['具有与经营的食品品种、数量相适应的经营场所'],
    handlingForm: 'both',
    visitsRequired: 0,
    processSteps: [
      { key: 'accept', name: '受理', role: 'window_clerk', days: 1 },
      { key: 'review-scjg', name: '审查', role: 'approver', department: '市场监管局', days: 1, parallelGroup: 'joint' },
      { key: 'review-wjw', name: '卫生审查', role: 'approver', department: '卫健局', days: 1, parallelGroup: 'joint' },
      { key: 'decide', name: '决定', role: 'approver', department: '市场监管局', days: 1 },
    ],
    materials: [
      { key: 'application', name: '食品经营许可申请书', form: 'original', medium: 'either', required: 'required', source: { kind: 'applicant' } },
      { key: 'business-license', name: '营业执照', form: 'copy', medium: 'electronic', required: 'required', source: { kind: 'license', licenseTypeCode: '11100000MB0143028R001', licenseTypeName: '营业执照' } },
      { key: 'layout', name: '经营场所布局图', form: 'original', medium: 'either', required: 'required', source: { kind: 'applicant' } },
    ],
    onlineDepth: [1, 2, 3, 4, 5, 6],
    result: { type: 'license', name: '食品经营许可证', licenseTypeCode: '11100000MB0143028R002' },
    channels: { consultPhone: '0599-5822345', complaintPhone: '12345', appeal: '南平市建阳区人民政府', litigation: '南平市建阳区人民法院' },
    location: { address: '建阳区政务服务中心二楼', hours: '工作日 8:30-12:00，14:30-17:30' },
    ...o,
  };
}

/** A random, unused-looking basic code. */
export function buildBasicCode(): string {
  return `0001${String(randomInt(100_000)).padStart(5, '0')}${String(randomInt(1000)).padStart(3, '0')}`;
}
