import { describe, expect, it } from 'vitest';
import { Material } from '../../../common/schemas/catalog.ts';
import { mergeForms, mergeMaterials, type MergeInput } from './life-event-merge.ts';

const person = { name: { type: 'string', title: '申请人姓名', 'x-prefill': 'person.name' }, idNumber: { type: 'string', title: '公民身份号码', 'x-prefill': 'person.idNumber' } };

function item(basicCode: string, itemName: string, properties: Record<string, unknown>, required: string[] = Object.keys(properties), materials: unknown[] = []): MergeInput {
  return { basicCode, itemName, form: { type: 'object', properties, required }, materials: materials.map((m) => Material.parse(m)) };
}

const idCard = (key: string, name: string, o: Record<string, unknown> = {}) => ({
  key, name, form: 'original', medium: 'electronic', required: 'required', source: { kind: 'license', licenseTypeCode: '11100000GAB000011A001', licenseTypeName: '居民身份证' }, ...o,
});
const paper = (key: string, name: string, o: Record<string, unknown> = {}) => ({ key, name, form: 'original', medium: 'either', required: 'required', source: { kind: 'applicant' }, ...o });

describe('mergeForms', () => {
  it('asks a field with the same base-data source once, whatever each item calls it, and lists who uses it', () => {
    const a = item('000120010001', '个体工商户设立登记', { operator: { type: 'string', title: '经营者姓名', 'x-prefill': 'person.name' }, premises: { type: 'string', title: '经营场所' } });
    const b = item('000120008001', '食品经营许可', { legalRep: { type: 'string', title: '法定代表人（负责人）', 'x-prefill': 'person.name' }, premises: { type: 'string', title: '经营场所' } }, ['legalRep']);
    const m = mergeForms([a, b]);
    expect(m.fieldsBefore).toBe(4);
    expect(m.fieldsAfter).toBe(2);
    expect(m.conflicts).toEqual([]);
    const name = m.fields.find((f) => f.prefill === 'person.name');
    expect(name).toMatchObject({ key: 'operator', title: '经营者姓名', required: true, conflict: false });
    expect(name?.usedBy.map((u) => `${u.itemName}:${u.key}`)).toEqual(['个体工商户设立登记:operator', '食品经营许可:legalRep']);
    // Same name, same definition: merged; required because one item requires it.
    expect(m.fields.find((f) => f.key === 'premises')?.usedBy).toHaveLength(2);
    expect(m.fields.find((f) => f.key === 'premises')?.required).toBe(true);
  });

  it('reports a same-named field of a different type instead of merging it, and asks both', () => {
    const a = item('1', '甲', { ...person, capital: { type: 'number', title: '资金数额（万元）' } });
    const b = item('2', '乙', { ...person, capital: { type: 'string', title: '注册资本' } });
    const m = mergeForms([a, b]);
    expect(m.conflicts).toEqual([
      expect.objectContaining({ field: 'capital', reason: 'type', items: [expect.objectContaining({ basicCode: '1', type: 'number' }), expect.objectContaining({ basicCode: '2', type: 'string' })] }),
    ]);
    expect(m.conflicts[0]?.message).toContain('“甲”、“乙”');
    const capital = m.fields.filter((f) => f.usedBy.some((u) => u.key === 'capital'));
    expect(capital.map((f) => [f.key, f.type, f.conflict])).toEqual([['capital', 'number', true], ['capital-2', 'string', true]]);
    // The shared person fields are still merged.
    expect(m.fieldsAfter).toBe(4);
  });

  it('treats different option lists or different base-data sources under one name as conflicts', () => {
    const a = item('1', '甲', { category: { type: 'string', enum: ['视力', '听力'] }, name: { type: 'string', 'x-prefill': 'person.name' } });
    const b = item('2', '乙', { category: { type: 'string', enum: ['听力', '视力'] }, name: { type: 'string', 'x-prefill': 'enterprise.name' } });
    const c = item('3', '丙', { category: { type: 'string', enum: ['一级', '二级'] } });
    const m = mergeForms([a, b, c]);
    expect(m.conflicts.map((x) => `${x.field}:${x.reason}`).sort()).toEqual(['category:enum', 'name:prefill']);
    // Same options in another order are the same field.
    expect(m.fields.filter((f) => f.usedBy.some((u) => u.key === 'category')).map((f) => f.usedBy.length)).toEqual([2, 1]);
  });

  it('never merges two fields of the same item, even with the same base-data source', () => {
    const m = mergeForms([item('1', '甲', { applicant: { type: 'string', 'x-prefill': 'person.name' }, contact: { type: 'string', 'x-prefill': 'person.name' } })]);
    expect(m.fieldsAfter).toBe(2);
    expect(m.conflicts).toEqual([]);
  });

  it('copes with items without a form', () => {
    expect(mergeForms([{ basicCode: '1', itemName: '甲', form: {}, materials: [] }])).toEqual({ fields: [], conflicts: [], fieldsBefore: 0, fieldsAfter: 0 });
  });
});

describe('mergeMaterials', () => {
  it('asks a document proved by the same license type once and marks it as proved by the platform', () => {
    const a = item('1', '出生登记', {}, [], [idCard('parent-id', '父亲或者母亲的居民身份证'), paper('application', '出生登记申请表')]);
    const b = item('2', '医保参保', {}, [], [idCard('id-card', '参保人居民身份证'), paper('application', '参保登记表')]);
    const m = mergeMaterials([a, b]);
    expect(m.before).toBe(4);
    expect(m.after).toBe(3);
    const id = m.materials.find((x) => x.source.kind === 'license');
    expect(id).toMatchObject({ name: '父亲或者母亲的居民身份证', provedByPlatform: true, required: 'required' });
    expect(id?.usedBy.map((u) => u.title)).toEqual(['父亲或者母亲的居民身份证', '参保人居民身份证']);
    expect(m.materials.filter((x) => !x.provedByPlatform).map((x) => x.name)).toEqual(['出生登记申请表', '参保登记表']);
  });

  it('merges same-named documents, but keeps a conditional one apart from a required one', () => {
    const proxy = paper('power-of-attorney', '授权委托书', { required: 'conditional', condition: '委托他人代为办理的' });
    const agentId = idCard('agent-id-card', '受托人居民身份证', { required: 'conditional', condition: '委托他人代为办理的' });
    const a = item('1', '甲', {}, [], [idCard('id-card', '申请人居民身份证'), proxy, agentId]);
    const b = item('2', '乙', {}, [], [idCard('id-card', '申请人居民身份证'), proxy, agentId]);
    const m = mergeMaterials([a, b]);
    expect(m.materials.map((x) => [x.name, x.required, x.usedBy.length])).toEqual([
      ['申请人居民身份证', 'required', 2],
      ['授权委托书', 'conditional', 2],
      ['受托人居民身份证', 'conditional', 2],
    ]);
  });
});
