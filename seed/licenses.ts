import type { z } from 'zod';
import { LicenseTypeBody, type ImportLicenseBody } from '../src/common/schemas/licenses.ts';
import type { Ctx } from '../src/server/platform/context.ts';
import * as licenses from '../src/server/modules/licenses/service.ts';
import { LICENSE_TYPES } from './catalog/items.ts';
import { COUNTIES, DEMO_CITIZENS, DEMO_ENTERPRISES, demoCitizenIdNumber, demoEnterpriseCreditCode, makeCreditCode } from './demo-people.ts';

type TypeKey = keyof typeof LICENSE_TYPES;
type Field = { key: string; label: string; required?: boolean; formKey?: string };

/** What the catalog does not say about a license type: its data items, validity, number prefix and issuers. */
const DETAILS: Partial<Record<TypeKey, { fields?: Field[]; years?: number; prefix?: string; issuing: string[]; frame?: string }>> = {
  businessLicense: {
    issuing: ['市场监管局'],
    fields: [
      { key: 'name', label: '名称', formKey: 'name' },
      { key: 'entityType', label: '类型', formKey: 'entityType' },
      { key: 'legalRep', label: '经营者/法定代表人', formKey: 'operator' },
      { key: 'premises', label: '经营场所/住所', formKey: 'premises' },
      { key: 'scope', label: '经营范围', formKey: 'scope' },
      { key: 'established', label: '成立日期', formKey: 'established' },
    ],
  },
  foodBusiness: {
    issuing: ['市场监管局'], years: 5, prefix: 'JY',
    fields: [
      { key: 'operatorName', label: '经营者名称', formKey: 'operatorName' },
      { key: 'legalRep', label: '法定代表人（负责人）', formKey: 'legalRep' },
      { key: 'premises', label: '经营场所', formKey: 'premises' },
      { key: 'operatorType', label: '主体业态', formKey: 'operatorType' },
      { key: 'businessItems', label: '经营项目', formKey: 'businessItems' },
    ],
  },
  specialEquipment: { issuing: ['市场监管局'], prefix: 'TS' },
  drugBusiness: { issuing: ['市场监管局'], years: 5, prefix: 'MA' },
  pharmacist: { issuing: ['市场监管局'], years: 5 },
  idCard: { issuing: ['公安局'], years: 20 },
  residencePermit: { issuing: ['公安局'], years: 1 },
  vehicleLicense: { issuing: ['公安局'] },
  drivingLicense: { issuing: ['公安局'], years: 6 },
  marriage: { issuing: ['民政局'], frame: '#be123c' },
  divorce: { issuing: ['民政局'] },
  disability: { issuing: ['残联'], years: 10, frame: '#92400e' },
  birthCertificate: { issuing: ['卫健局', '卫健委'] },
  physicianQualification: { issuing: ['卫健局', '卫健委'] },
  physicianPractice: { issuing: ['卫健局', '卫健委'] },
  nursePractice: { issuing: ['卫健局', '卫健委'], years: 5, frame: '#0f766e' },
  medicalInstitution: { issuing: ['卫健局', '卫健委'], years: 5, prefix: 'PDY' },
  publicPlaceHygiene: { issuing: ['卫健局', '卫健委'], years: 4, prefix: 'WS' },
  constructionPermit: { issuing: ['住建局'], prefix: 'SG' },
  presale: { issuing: ['住建局'], prefix: 'YS' },
  developerQualification: { issuing: ['住建局'], years: 5 },
  realEstate: { issuing: ['自然资源局'], prefix: 'BDC' },
  planningPermit: { issuing: ['自然资源局'], prefix: 'JSGH' },
  ruralPlanningPermit: { issuing: ['自然资源局'], prefix: 'XCGH' },
  teacherQualification: { issuing: ['教育局'], frame: '#1e3a8a' },
  privateSchool: { issuing: ['教育局'], years: 5, prefix: 'JMB' },
  roadTransport: { issuing: ['交通运输局'], years: 4, prefix: 'MJY' },
  transportWorker: { issuing: ['交通运输局'], years: 6 },
  taxiDriver: { issuing: ['交通运输局'], years: 6 },
};

const definingBody = (t: { code: string }): string => t.code.slice(0, 18);

/** Electronic certifications (电子证明): signed proofs of a fact, issued and verified like licenses. */
export const CERTIFICATION_TYPES = {
  noCriminalRecord: { code: `${definingBody(LICENSE_TYPES.idCard)}101`, name: '无犯罪记录证明', definingBody: '公安部', holder: 'person', issuing: ['公安局'], fields: [{ key: 'purpose', label: '证明用途' }, { key: 'content', label: '证明内容' }] },
  marriageRecord: { code: `${definingBody(LICENSE_TYPES.marriage)}101`, name: '婚姻登记记录证明', definingBody: '民政部', holder: 'person', issuing: ['民政局'], fields: [{ key: 'content', label: '证明内容' }] },
  socialInsurance: { code: `${makeCreditCode('11', '100000', 'RLB00001')}101`, name: '社会保险参保缴费证明', definingBody: '人力资源和社会保障部', holder: 'both', issuing: ['人社局'], fields: [{ key: 'insurance', label: '参保险种' }, { key: 'period', label: '缴费期间' }, { key: 'status', label: '参保状态' }] },
} as const;

/** Put every license type the catalog refers to, and the certifications, into the license catalog (证照目录). */
export async function seedLicenseTypes(ctx: Ctx): Promise<number> {
  let n = 0;
  // The document a case issues when its result is not a license (准予…决定书, 通知书, 证明, 备案).
  await licenses.createType(ctx, LicenseTypeBody.parse({
    code: licenses.RESULT_DOCUMENT_TYPE, name: '政务服务办理结果文书', definingBody: '国务院办公厅（政务服务标准）', holderKind: 'both', category: 'certification',
    fields: [{ key: 'itemName', label: '办理事项' }, { key: 'caseNumber', label: '办件编号' }, { key: 'documentNumber', label: '文书编号' }, { key: 'outcome', label: '办理结果' }],
    validity: { kind: 'long_term' }, template: { frameColor: '#1e3a8a' },
  }));
  n++;
  for (const c of Object.values(CERTIFICATION_TYPES)) {
    await licenses.createType(ctx, LicenseTypeBody.parse({
      code: c.code, name: c.name, definingBody: c.definingBody, holderKind: c.holder, category: 'certification', issuingDepartments: c.issuing,
      fields: c.fields.map((f) => ({ required: true, ...f })), validity: { kind: 'years', years: 1 }, template: { frameColor: '#1e3a8a' },
    }));
    n++;
  }
  for (const [key, t] of Object.entries(LICENSE_TYPES) as [TypeKey, (typeof LICENSE_TYPES)[TypeKey]][]) {
    const d = DETAILS[key];
    const body = LicenseTypeBody.parse({
      code: t.code, name: t.name, definingBody: t.definingBody, holderKind: t.holder, issuingDepartments: d?.issuing ?? [],
      fields: (d?.fields ?? []).map((f) => ({ required: true, ...f })),
      validity: d?.years ? { kind: 'years', years: d.years } : { kind: 'long_term' }, numberPrefix: d?.prefix ?? '',
      template: { frameColor: d?.frame ?? '#b22222' },
    });
    await licenses.createType(ctx, body);
    n++;
  }
  return n;
}

const countyName = (code: string): string => COUNTIES.find((c) => c.code === code)?.name ?? '';

/** A business scope that reads like the enterprise's trade. */
const SCOPES: Record<number, { type: string; premises: string; scope: string; established: string }> = {
  0: { type: '个体工商户', premises: '南平市建阳区潭城街道人民路128号', scope: '餐饮服务；食品销售（仅销售预包装食品）', established: '2019-03-18' },
  1: { type: '有限责任公司（自然人投资或控股）', premises: '南平市延平区水南街道滨江南路66号', scope: '茶叶种植；初级农产品收购；农业技术推广服务', established: '2016-08-09' },
  2: { type: '有限责任公司（自然人投资或控股）', premises: '建瓯市芝山街道工业园区笋竹路3号', scope: '竹制品制造；竹笋加工；农副产品销售', established: '2012-05-21' },
  3: { type: '有限责任公司（自然人投资或控股）', premises: '武夷山市崇安街道天心村茶业路18号', scope: '茶叶制品生产；茶叶销售；茶具销售', established: '2014-11-02' },
  4: { type: '有限责任公司（自然人独资）', premises: '邵武市水北镇物流园区8号', scope: '道路货物运输（不含危险货物）；仓储服务；国内货物运输代理', established: '2017-06-30' },
  5: { type: '个体工商户', premises: '顺昌县双溪街道中山路45号', scope: '药品零售；医疗器械销售；保健食品销售', established: '2020-09-15' },
  6: { type: '有限责任公司（自然人投资或控股）', premises: '浦城县河滨街道丹桂路22号', scope: '食品生产；食品销售；农副产品加工', established: '2011-04-12' },
  7: { type: '个体工商户', premises: '光泽县杭川镇圣农大道9号', scope: '农副产品销售；禽蛋销售', established: '2021-02-26' },
  8: { type: '有限责任公司（自然人投资或控股）', premises: '松溪县松源街道蔗乡路1号', scope: '制糖；食品销售；甘蔗种植', established: '2009-10-08' },
  9: { type: '有限责任公司（自然人投资或控股）', premises: '政和县熊山街道白茶街36号', scope: '文化艺术交流活动；茶叶销售；会议及展览服务', established: '2018-07-19' },
};

type Holding = z.input<typeof ImportLicenseBody> & { issuer: string };

function holdings(): Holding[] {
  const list: Holding[] = [];
  DEMO_ENTERPRISES.forEach((e, i) => {
    const s = SCOPES[i];
    const rep = DEMO_CITIZENS[e.rep];
    if (!s || !rep) return;
    list.push({
      issuer: `${e.county}:scjg`, typeCode: LICENSE_TYPES.businessLicense.code, licenseNumber: demoEnterpriseCreditCode(i), holderKind: 'legal_person', holderName: e.name,
      holderCode: demoEnterpriseCreditCode(i), issuerDepartmentId: '', validFrom: s.established, validUntil: null, issuedOn: s.established,
      data: { name: e.name, entityType: s.type, legalRep: rep.name, premises: s.premises, scope: s.scope, established: s.established },
    });
  });
  const biz = (i: number) => ({ code: demoEnterpriseCreditCode(i), name: DEMO_ENTERPRISES[i]?.name ?? '', county: DEMO_ENTERPRISES[i]?.county ?? '' });
  const danGui = biz(6);
  list.push({
    issuer: `${danGui.county}:scjg`, typeCode: LICENSE_TYPES.foodBusiness.code, licenseNumber: 'JY13507220000217', holderKind: 'legal_person', holderName: danGui.name, holderCode: danGui.code,
    issuerDepartmentId: '', validFrom: '2023-05-10', validUntil: '2028-05-09', issuedOn: '2023-05-10',
    data: { operatorName: danGui.name, legalRep: DEMO_CITIZENS[6].name, premises: '浦城县河滨街道丹桂路22号', operatorType: '食品销售经营者', businessItems: '散装食品销售、特殊食品销售' },
  });
  const pharmacy = biz(5);
  list.push({
    issuer: `${pharmacy.county}:scjg`, typeCode: LICENSE_TYPES.drugBusiness.code, licenseNumber: '闽CB5990213', holderKind: 'legal_person', holderName: pharmacy.name, holderCode: pharmacy.code,
    issuerDepartmentId: '', validFrom: '2022-11-01', validUntil: '2027-10-31', issuedOn: '2022-11-01',
    data: { 经营方式: '零售', 经营范围: '中成药、化学药制剂、抗生素制剂、生化药品、生物制品（除疫苗）', 注册地址: '顺昌县双溪街道中山路45号', 质量负责人: DEMO_CITIZENS[5].name },
  });
  const logistics = biz(4);
  list.push({
    issuer: `${logistics.county}:jt`, typeCode: LICENSE_TYPES.roadTransport.code, licenseNumber: '闽交运管许可南字350781001234号', holderKind: 'legal_person', holderName: logistics.name, holderCode: logistics.code,
    issuerDepartmentId: '', validFrom: '2024-03-01', validUntil: '2028-02-29', issuedOn: '2024-03-01',
    data: { 经营范围: '道路普通货物运输', 地址: '邵武市水北镇物流园区8号' },
  });
  const person = (i: number) => ({ name: DEMO_CITIZENS[i]?.name ?? '', code: demoCitizenIdNumber(i), county: DEMO_CITIZENS[i]?.county ?? '' });
  const chen = person(1);
  list.push({
    issuer: `${chen.county}:jy`, typeCode: LICENSE_TYPES.teacherQualification.code, licenseNumber: '20133507022000318', holderKind: 'person', holderName: chen.name, holderCode: chen.code,
    issuerDepartmentId: '', validFrom: '2013-08-20', validUntil: null, issuedOn: '2013-08-20',
    data: { 资格种类: '初级中学教师资格', 任教学科: '语文', 认定机构: `${countyName(chen.county)}教育局` },
  });
  const wu = person(3);
  list.push({
    issuer: `${wu.county}:wjw`, typeCode: LICENSE_TYPES.nursePractice.code, licenseNumber: '202235000172', holderKind: 'person', holderName: wu.name, holderCode: wu.code,
    issuerDepartmentId: '', validFrom: '2022-07-01', validUntil: '2027-06-30', issuedOn: '2022-07-01',
    data: { 执业地点: '武夷山市立医院', 执业类别: '护士' },
  });
  const zhang = person(4);
  list.push({
    issuer: '350700000000:cl', typeCode: LICENSE_TYPES.disability.code, licenseNumber: `${zhang.code}42`, holderKind: 'person', holderName: zhang.name, holderCode: zhang.code,
    issuerDepartmentId: '', validFrom: '2021-04-15', validUntil: '2031-04-14', issuedOn: '2021-04-15',
    data: { 残疾类别: '肢体残疾', 残疾等级: '二级', 监护人: '无' },
  });
  const huang = person(2);
  list.push({
    issuer: `${huang.county}:mz`, typeCode: LICENSE_TYPES.marriage.code, licenseNumber: 'J350783-2010-001126', holderKind: 'person', holderName: huang.name, holderCode: huang.code,
    issuerDepartmentId: '', validFrom: '2010-10-10', validUntil: null, issuedOn: '2010-10-10',
    data: { 登记日期: '2010-10-10', 登记机关: '建瓯市民政局' },
  });
  const lin = person(0);
  list.push({
    issuer: `${lin.county}:ga`, typeCode: CERTIFICATION_TYPES.noCriminalRecord.code, licenseNumber: '闽南建公证字〔2026〕第01562号', holderKind: 'person', holderName: lin.name, holderCode: lin.code,
    issuerDepartmentId: '', validFrom: '2026-11-16', validUntil: '2027-02-15', issuedOn: '2026-11-16',
    data: { purpose: '应聘', content: `经查询，${lin.name}在本辖区内未发现有犯罪记录。` },
  });
  const liu = person(5);
  list.push({
    issuer: `${liu.county}:rs`, typeCode: CERTIFICATION_TYPES.socialInsurance.code, licenseNumber: 'SB3507212026110048', holderKind: 'person', holderName: liu.name, holderCode: liu.code,
    issuerDepartmentId: '', validFrom: '2026-11-20', validUntil: '2027-11-19', issuedOn: '2026-11-20',
    data: { insurance: '城乡居民基本养老保险、城乡居民基本医疗保险', period: '2015年01月至2026年10月', status: '正常参保' },
  });
  return list;
}

/** The licenses the demo citizens and enterprises already hold, signed as imports of existing licenses. */
export async function seedDemoLicenses(ctx: Ctx, deptIds: Map<string, string>): Promise<number> {
  let n = 0;
  for (const h of holdings()) {
    const [county, dept] = h.issuer.split(':');
    const region = county && county.length === 6 ? `${county}000000` : (county ?? '');
    const issuerDepartmentId = deptIds.get(`${region}:${dept ?? ''}`);
    if (!issuerDepartmentId) throw new Error(`seed: no issuing department ${h.issuer}`);
    const { issuer: _issuer, ...body } = h;
    const detail = await licenses.importLicense(ctx, { ...body, issuerDepartmentId, validUntil: body.validUntil ?? null, data: body.data ?? {} });
    // Sign now (fast); the OFD and PDF are rendered on first download.
    await licenses.finalizeLicense(ctx, detail.id, { render: false });
    n++;
  }
  return n;
}
