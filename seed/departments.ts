/** A department of the demo city: a key used by the seed, its official name and the short name used in the hall. */
export interface DepartmentSeed {
  key: string;
  name: string;
  short: string;
}

/** Departments every county of 南平 has. */
export const COUNTY_DEPARTMENTS: DepartmentSeed[] = [
  { key: 'scjg', name: '市场监督管理局', short: '市场监管局' },
  { key: 'ga', name: '公安局', short: '公安局' },
  { key: 'rs', name: '人力资源和社会保障局', short: '人社局' },
  { key: 'mz', name: '民政局', short: '民政局' },
  { key: 'wjw', name: '卫生健康局', short: '卫健局' },
  { key: 'zj', name: '住房和城乡建设局', short: '住建局' },
  { key: 'zrzy', name: '自然资源局', short: '自然资源局' },
  { key: 'jy', name: '教育局', short: '教育局' },
  { key: 'jt', name: '交通运输局', short: '交通运输局' },
  { key: 'yb', name: '医疗保障局', short: '医保局' },
  { key: 'xzfw', name: '行政服务中心管理委员会', short: '行政服务中心' },
  { key: 'xnb', name: '机关效能建设领导小组办公室', short: '效能办' },
];

/**
 * Departments of the city government: the county set (health is a 委员会 at city level) plus the
 * bodies that exist only at city level.
 */
export const CITY_DEPARTMENTS: DepartmentSeed[] = [
  ...COUNTY_DEPARTMENTS.map((d) => (d.key === 'wjw' ? { ...d, name: '卫生健康委员会', short: '卫健委' } : d)),
  { key: 'sgb', name: '机构编制委员会办公室（审改办）', short: '审改办' },
  { key: 'dsj', name: '大数据管理中心', short: '大数据中心' },
  { key: 'cl', name: '残疾人联合会', short: '残联' },
];
