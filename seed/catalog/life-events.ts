/**
 * The demo life events (一件事一次办) of 南平市: bundles of the seeded base items that people apply
 * for together, defined at city level so every county offers them. Each member is a base item of
 * seed/catalog/items.ts; a note says when a member is needed only in some cases.
 *
 * 退休一件事 is not here: the demo catalog has no 职工退休 (养老保险待遇核定) item yet.
 */
import type { z } from 'zod';
import type { CreateLifeEventBody } from '../../src/common/schemas/life-events.ts';

type LifeEventSeed = z.input<typeof CreateLifeEventBody>;

/** Every demo life event, published by the city's catalog admins. */
export const LIFE_EVENTS: LifeEventSeed[] = [
  {
    code: 'open-restaurant',
    name: '我要开餐馆',
    audience: 'person',
    icon: 'shop',
    description: '个体经营者开办餐馆：营业执照、食品经营许可一次申请，一张表单、一套材料，共用信息只填一次。',
    members: [
      { basicCode: '000120010001' },
      { basicCode: '000120008001' },
      { basicCode: '000120013001', note: '使用燃气锅炉、电梯等特种设备的' },
    ],
  },
  {
    code: 'newborn',
    name: '新生儿出生一件事',
    audience: 'person',
    icon: 'baby',
    description: '孩子出生后，出生登记（落户）、医保参保、社保卡申领一次申请；出生医学证明、父母身份证通过电子证照核验，免交。',
    members: [
      { basicCode: '352024001000', note: '孕期未办理生育登记的' },
      { basicCode: '000721003001' },
      { basicCode: '002029002000' },
      { basicCode: '002022004000' },
    ],
  },
  {
    code: 'open-company',
    name: '我要开办企业',
    audience: 'legal_person',
    icon: 'company',
    description: '设立公司并为职工办理社会保险、医疗保险参保登记，一次申请、一窗受理。',
    members: [{ basicCode: '000120011001' }, { basicCode: '002022005000' }, { basicCode: '002029001000' }],
  },
  {
    code: 'open-pharmacy',
    name: '我要开药店',
    audience: 'legal_person',
    icon: 'pharmacy',
    description: '开办零售药店：公司设立登记、药品零售经营许可和职工参保一次办理。',
    members: [
      { basicCode: '000120011001', note: '尚未设立企业的' },
      { basicCode: '000120012001' },
      { basicCode: '002022005000' },
      { basicCode: '002029001000' },
    ],
  },
  {
    code: 'disability-services',
    name: '残疾人服务一件事',
    audience: 'person',
    icon: 'disability',
    description: '办理残疾人证的同时申请困难残疾人生活补贴、重度残疾人护理补贴；家庭经济困难的可一并申请最低生活保障。',
    members: [
      { basicCode: '002023006000' },
      { basicCode: '000523007000' },
      { basicCode: '000523001000', note: '家庭经济困难的' },
    ],
  },
  {
    code: 'buy-second-hand-home',
    name: '二手房买卖一件事',
    audience: 'person',
    icon: 'house',
    description: '二手房转移登记后，一并办理户口迁入和子女转学。',
    members: [
      { basicCode: '000726001002' },
      { basicCode: '000721002001', note: '需要迁入户口的' },
      { basicCode: '002027003000', note: '子女需要转学的' },
    ],
  },
  {
    code: 'social-assistance',
    name: '困难群众救助一件事',
    audience: 'person',
    icon: 'assistance',
    description: '最低生活保障、临时救助、医疗救助一次申请，家庭经济状况一次核对。',
    members: [
      { basicCode: '000523001000' },
      { basicCode: '000523002000', note: '遭遇突发困难的' },
      { basicCode: '000529004000', note: '有大额医疗费用的' },
    ],
  },
];
