import { describe, expect, it } from 'vitest';
import { GuideContent } from '../../../common/schemas/catalog.ts';
import { buildGuide } from '../../../../test/support/catalog-factories.ts';
import { decodeItem, encodeItem, type ItemMeta, type ItemRows } from './xlsx-codec.ts';
import { readCatalogWorkbook, writeCatalogWorkbook } from './xlsx-file.ts';

const META: ItemMeta = { code: '11350703MB0000000X4000120001001', basicCode: '000120001001', version: 3, regionName: '建阳区', departmentName: '建阳区市场监督管理局', level: 4 };

/** Every optional field filled and every kind of list entry, so that a field the sheets forget fails here. */
const FULL = GuideContent.parse(buildGuide({
  name: '公共场所卫生许可（新办）', itemType: '07', powerSource: 'delegated', delegatedBody: '南平市卫生健康委员会',
  legalBases: [{ law: '《公共场所卫生管理条例》', article: '第八条', text: '除公园、体育场（馆）、公共交通工具外的公共场所，\n应当取得卫生许可证。' }, { law: '《行政许可法》' }],
  coHandlingBodies: ['县卫健局', '县消防救援大队'], servesTo: ['legal_person'], themes: ['准营准办', '开办企业'],
  statutoryLimit: { days: 20, unit: 'natural_day', explanation: '不含现场核查时间' }, promisedLimit: { days: 7, unit: 'working_day', explanation: '材料齐全当场受理' },
  specialProcedures: [{ name: '现场核查', maxDays: 5, explanation: '必要时' }, { name: '专家评审', maxDays: 10 }],
  conditions: ['依法取得营业执照', '有完善的卫生管理制度'], handlingForm: 'online', visitsRequired: 2, visitsReason: '现场核查和领证',
  processSteps: [
    { key: 'accept', name: '受理', role: 'window_clerk', days: 1 },
    { key: 'check', name: '现场核查', role: 'approver', department: '卫健局', days: 3, parallelGroup: 'g1' },
    { key: 'fire', name: '消防意见', role: 'approver', department: '消防救援大队', days: 2, parallelGroup: 'g1' },
  ],
  materials: [
    { key: 'app', name: '申请书', form: 'original', medium: 'paper', required: 'required', source: { kind: 'applicant' }, copies: 2, blankForm: true, sample: true, acceptanceStandard: '签字盖章', legalBasis: '条例第八条', notes: 'A4 纸' },
    { key: 'license', name: '营业执照', form: 'copy', medium: 'electronic', required: 'required', source: { kind: 'license', licenseTypeCode: '11100000MB0143028R001', licenseTypeName: '营业执照' } },
    { key: 'health', name: '从业人员健康证明', form: 'original_and_copy', medium: 'either', required: 'conditional', condition: '有直接为顾客服务的从业人员的', source: { kind: 'shared_data', resourceCode: 'R-350700-0012', resourceName: '健康证明信息' }, copies: 0 },
    { key: 'photo', name: '现场照片', form: 'original', medium: 'electronic', required: 'required', source: { kind: 'window', note: '窗口现场拍照' } },
    { key: 'sign', name: '承诺书', form: 'original', medium: 'paper', required: 'required', source: { kind: 'window' } },
  ],
  fees: [{ name: '检测费', amountYuan: 120.75, basis: '闽价〔2019〕3号', waivable: true }, { name: '工本费', amountYuan: 0, basis: '免收', waivable: false }],
  onlineDepth: [1, 2, 3, 4, 7], appointment: { enabled: true, dailyQuota: 40 }, onlinePayment: true, courierDelivery: true, selfServiceTerminal: true,
  handlingScope: 'cross_region', minRealNameLevel: 2, result: { type: 'certificate', name: '卫生许可证' },
  channels: { consultPhone: '05995822345', complaintPhone: '12345', appeal: '建阳区人民政府', litigation: '建阳区人民法院' },
  location: { address: '建阳区政务服务中心', hours: '工作日 8:30-17:30' },
  form: { type: 'object', required: ['area'], properties: { area: { type: 'number', title: '面积（平方米）', minimum: 0 }, owner: { type: 'string', source: 'legal_person.name' } } },
}));

/** Write one guide to a real workbook, read it back, and decode it. */
async function throughFile(g: typeof FULL): Promise<ReturnType<typeof decodeItem>> {
  const buf = await writeCatalogWorkbook([encodeItem(META, g)], 'test');
  const sheets = await readCatalogWorkbook(buf);
  const rows: ItemRows = { items: sheets.items, materials: sheets.materials, steps: sheets.steps, fees: sheets.fees, legalBases: sheets.legalBases, specialProcedures: sheets.specialProcedures };
  return decodeItem(rows);
}

describe('catalog workbook codec', () => {
  it('carries every field of a guide through a real xlsx file unchanged', async () => {
    const back = await throughFile(FULL);
    expect(back.errors).toEqual([]);
    expect(back).toMatchObject({ code: META.code, version: 3, row: 2 });
    expect(GuideContent.parse(back.content)).toEqual(FULL);
  });

  it('carries a minimal guide (defaults, no optional fields) unchanged', async () => {
    const minimal = GuideContent.parse(buildGuide({ legalBases: [], itemType: '20', materials: [], processSteps: [{ key: 'accept', name: '受理', role: 'window_clerk', days: 0 }] }));
    expect(GuideContent.parse((await throughFile(minimal)).content)).toEqual(minimal);
  });

  it('names the sheet, row and column of a bad cell', () => {
    const rec = encodeItem(META, FULL);
    const rows: ItemRows = {
      items: rec.items.map((cells) => ({ row: 7, cells: { ...cells, visitsRequired: '两次', servesTo: '企业' } })),
      materials: rec.materials.map((cells, i) => ({ row: 20 + i, cells: i === 1 ? { ...cells, copies: -1 } : cells })),
      steps: [], fees: [], legalBases: [], specialProcedures: [],
    };
    const d = decodeItem(rows);
    expect(d.errors).toEqual([
      { sheet: '事项清单', row: 7, column: '服务对象', field: 'servesTo', message: '服务对象“企业”无效，应为：个人、法人' },
      { sheet: '事项清单', row: 7, column: '到现场次数', field: 'visitsRequired', message: '到现场次数应为非负整数，填写的是“两次”' },
      { sheet: '申请材料', row: 21, column: '份数', field: 'materials.1.copies', message: '份数应为非负整数，填写的是“-1”' },
    ]);
    expect(d.locate(['materials', 3, 'source', 'note'], 'x')).toMatchObject({ sheet: '申请材料', row: 23, column: '来源名称' });
  });
});
