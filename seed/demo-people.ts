import { creditCodeCheckChar, idNumberCheckChar, orgCodeCheckChar } from '../src/common/identifiers.ts';

/** Build a valid 18-character ID number from county code, birth date and a sequence number. */
export function makeIdNumber(county6: string, birth: string, seq: number): string {
  const first17 = `${county6}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/** Build a valid credit code: authority + category + county + 8-char org body (check chars computed). */
export function makeCreditCode(authorityCategory: string, county6: string, orgBody8: string): string {
  const org = orgBody8 + orgCodeCheckChar(orgBody8);
  const first17 = `${authorityCategory}${county6}${org}`;
  return first17 + creditCodeCheckChar(first17);
}

/** The ten counties of 南平市 with the pinyin abbreviations used in demo usernames. */
export const COUNTIES = [
  { code: '350702', name: '延平区', short: 'yp' },
  { code: '350703', name: '建阳区', short: 'jy' },
  { code: '350721', name: '顺昌县', short: 'sc' },
  { code: '350722', name: '浦城县', short: 'pc' },
  { code: '350723', name: '光泽县', short: 'gz' },
  { code: '350724', name: '松溪县', short: 'sx' },
  { code: '350725', name: '政和县', short: 'zh' },
  { code: '350781', name: '邵武市', short: 'sw' },
  { code: '350782', name: '武夷山市', short: 'wys' },
  { code: '350783', name: '建瓯市', short: 'jo' },
] as const;

/** Demo citizens: name, county, birth date, sex (odd sequence = male), phone. */
export const DEMO_CITIZENS = [
  { name: '林志强', county: '350703', birth: '19850312', male: true },
  { name: '陈秀英', county: '350702', birth: '19900718', male: false },
  { name: '黄建华', county: '350783', birth: '19781105', male: true },
  { name: '吴丽娟', county: '350782', birth: '19920224', male: false },
  { name: '张国平', county: '350781', birth: '19650830', male: true },
  { name: '刘美玲', county: '350721', birth: '19880409', male: false },
  { name: '郑文斌', county: '350722', birth: '19950117', male: true },
  { name: '王春梅', county: '350723', birth: '19830626', male: false },
  { name: '李明辉', county: '350724', birth: '19701214', male: true },
  { name: '杨晓燕', county: '350725', birth: '19970503', male: false },
  { name: '蔡永福', county: '350703', birth: '19580921', male: true },
  { name: '詹淑芳', county: '350702', birth: '19760302', male: false },
  { name: '范德胜', county: '350783', birth: '19891028', male: true },
  { name: '游雅琴', county: '350782', birth: '20010715', male: false },
  { name: '邱金水', county: '350781', birth: '19490606', male: true },
  { name: '魏小红', county: '350721', birth: '19931119', male: false },
  { name: '徐宏伟', county: '350722', birth: '19820207', male: true },
  { name: '江晓兰', county: '350723', birth: '19870923', male: false },
  { name: '饶建平', county: '350724', birth: '19680411', male: true },
  { name: '叶思雨', county: '350725', birth: '20000101', male: false },
] as const;

/** Demo enterprises: name, county, category ('92' individual business, '91' company), legal representative index into DEMO_CITIZENS. */
export const DEMO_ENTERPRISES = [
  { name: '南平市建阳区味香源餐饮店', county: '350703', category: '92', rep: 0 },
  { name: '南平延平茶香园农业发展有限公司', county: '350702', category: '91', rep: 1 },
  { name: '建瓯市笋竹工贸有限公司', county: '350783', category: '91', rep: 2 },
  { name: '武夷山市岩韵茶业有限公司', county: '350782', category: '91', rep: 3 },
  { name: '邵武市恒通物流有限公司', county: '350781', category: '91', rep: 4 },
  { name: '顺昌县福康大药房', county: '350721', category: '92', rep: 5 },
  { name: '浦城县丹桂食品有限公司', county: '350722', category: '91', rep: 6 },
  { name: '光泽县圣农农副产品经营部', county: '350723', category: '92', rep: 7 },
  { name: '松溪县百年蔗糖业有限公司', county: '350724', category: '91', rep: 8 },
  { name: '政和县白茶文化传播有限公司', county: '350725', category: '91', rep: 9 },
] as const;

/** The password of every demo account (documented in the README; change it on a real deployment). */
export const DEMO_PASSWORD = 'Tongban@2026';

/** The ID number of demo citizen i (sequence parity carries the sex, GB 11643: odd for men). */
export function demoCitizenIdNumber(i: number): string {
  const p = DEMO_CITIZENS[i];
  if (!p) throw new Error(`no demo citizen ${i}`);
  return makeIdNumber(p.county, p.birth, 10 + i * 2 + (p.male ? 1 : 0));
}

/** The unified social credit code of demo enterprise i. */
export function demoEnterpriseCreditCode(i: number): string {
  const e = DEMO_ENTERPRISES[i];
  if (!e) throw new Error(`no demo enterprise ${i}`);
  return makeCreditCode(e.category, e.county, `MA${String(350 + i * 7).padStart(3, '0')}K${i}T`);
}
