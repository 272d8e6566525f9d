import type { z } from 'zod';
import type { GuideContentT } from '../../../common/schemas/catalog.ts';
import type { FormConflict, MergedField, MergedForm, MergedMaterial, MergedMaterials } from '../../../common/schemas/life-events.ts';

/** What the merge needs of one member item's guide in force. */
export interface MergeInput {
  basicCode: string;
  itemName: string;
  form: GuideContentT['form'];
  materials: GuideContentT['materials'];
}

type Field = z.infer<typeof MergedField>;
type Conflict = z.infer<typeof FormConflict>;
type MaterialOut = z.infer<typeof MergedMaterial>;
type Schema = Record<string, unknown>;

interface FieldIn {
  item: MergeInput;
  key: string;
  schema: Schema;
  type: string;
  prefill: string | null;
  enumKey: string | null;
  required: boolean;
  title: string;
}

function isRecord(x: unknown): x is Schema {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The fields of one item's JSON Schema form, in order, with what identifies them. */
function fieldsOf(item: MergeInput): FieldIn[] {
  const props = isRecord(item.form.properties) ? item.form.properties : {};
  const required = new Set(Array.isArray(item.form.required) ? item.form.required.filter((x): x is string => typeof x === 'string') : []);
  return Object.entries(props).map(([key, raw]) => {
    const schema = isRecord(raw) ? raw : {};
    const items = isRecord(schema.items) ? schema.items : {};
    const options = Array.isArray(schema.enum) ? schema.enum : Array.isArray(items.enum) ? items.enum : null;
    return {
      item, key, schema,
      type: typeof schema.type === 'string' ? schema.type : 'string',
      prefill: typeof schema['x-prefill'] === 'string' ? schema['x-prefill'] : null,
      // Option lists compare as sets: the same choices in another order are the same field.
      enumKey: options ? JSON.stringify(options.map(String).sort()) : null,
      required: required.has(key),
      title: typeof schema.title === 'string' ? schema.title : key,
    };
  });
}

interface Slot {
  field: Field;
  first: FieldIn;
  items: Set<string>;
}

/** Why two same-named fields cannot be asked once, or null when they can. */
function incompatibility(a: FieldIn, b: FieldIn): Conflict['reason'] | null {
  if (a.type !== b.type) return 'type';
  if (a.enumKey !== b.enumKey) return 'enum';
  if (a.prefill && b.prefill && a.prefill !== b.prefill) return 'prefill';
  return null;
}

const REASON_TEXT: Record<Conflict['reason'], string> = { type: '类型不同', enum: '可选项不同', prefill: '预填数据来源不同' };

/**
 * Merge the application forms of a life event's items into one (一表申请): a field asked by several
 * items — the same base-data source (x-prefill, e.g. person.idNumber) or the same name with the same
 * definition — is asked once and lists every item that uses it. Same-named fields defined
 * differently (type, options, base-data source) are reported as conflicts and asked separately,
 * never silently merged. Members are taken in order, so the first item's wording wins.
 */
export function mergeForms(items: MergeInput[]): z.infer<typeof MergedForm> {
  const slots: Slot[] = [];
  const conflicts = new Map<string, Conflict>();
  let before = 0;
  const usedKeys = new Set<string>();
  const freeKey = (key: string, basicCode: string) => {
    let k = usedKeys.has(key) ? `${key}-${basicCode}` : key;
    for (let n = 2; usedKeys.has(k); n++) k = `${key}-${basicCode}-${n}`;
    usedKeys.add(k);
    return k;
  };
  const addConflict = (name: string, reason: Conflict['reason'], a: FieldIn, b: FieldIn) => {
    const c = conflicts.get(name) ?? { field: name, reason, message: '', items: [] };
    for (const x of [a, b]) {
      if (!c.items.some((i) => i.basicCode === x.item.basicCode && i.key === x.key)) {
        c.items.push({ basicCode: x.item.basicCode, itemName: x.item.itemName, key: x.key, type: x.type, prefill: x.prefill });
      }
    }
    c.message = `字段“${name}”在${c.items.map((i) => `“${i.itemName}”`).join('、')}中定义不同（${REASON_TEXT[c.reason]}），须分别填写`;
    conflicts.set(name, c);
  };

  for (const item of items) {
    for (const f of fieldsOf(item)) {
      before++;
      // A slot may take one field per item: two fields of the same item are two questions.
      const open = slots.filter((s) => !s.items.has(item.basicCode));
      let target: Slot | undefined;
      let conflicted = false;
      const tryJoin = (s: Slot, name: string, ignorePrefill: boolean) => {
        const why = incompatibility(s.first, f);
        if (why === null || (ignorePrefill && why === 'prefill')) return true;
        addConflict(name, why, s.first, f);
        s.field.conflict = true;
        conflicted = true;
        return false;
      };
      // The same base-data source is the same fact whatever the item calls it (经营者姓名 = 申请人姓名).
      const byPrefill = f.prefill ? open.find((s) => s.first.prefill === f.prefill) : undefined;
      if (byPrefill && f.prefill && tryJoin(byPrefill, f.prefill, true)) target = byPrefill;
      if (!target) target = open.filter((s) => s !== byPrefill && s.field.usedBy.some((u) => u.key === f.key)).find((s) => tryJoin(s, f.key, false));
      const usedBy = { basicCode: item.basicCode, itemName: item.itemName, key: f.key, title: f.title };
      if (target) {
        target.items.add(item.basicCode);
        target.field.usedBy.push(usedBy);
        target.field.required ||= f.required;
        continue;
      }
      slots.push({
        first: f,
        items: new Set([item.basicCode]),
        field: { key: freeKey(f.key, item.basicCode), title: f.title, type: f.type, prefill: f.prefill, required: f.required, schema: f.schema, conflict: conflicted, usedBy: [usedBy] },
      });
    }
  }
  const fields = slots.map((s) => s.field);
  return { fields, conflicts: [...conflicts.values()], fieldsBefore: before, fieldsAfter: fields.length };
}

type MaterialIn = GuideContentT['materials'][number];

/** What makes two materials the same document: the license type or shared resource that proves it, else its name. */
function materialIdentity(m: MaterialIn): string {
  const source = m.source.kind === 'license' ? `license:${m.source.licenseTypeCode}` : m.source.kind === 'shared_data' ? `shared:${m.source.resourceCode}` : `name:${m.name}`;
  // A conditional material is the same only under the same condition (委托代办的 ≠ 必交).
  return m.required === 'required' ? source : `${source}|if:${m.condition ?? ''}`;
}

/**
 * Merge the materials of a life event's items (一次提交): a material several items need — the same
 * license type, the same shared resource, or the same name, needed under the same condition — is
 * provided once. Materials an electronic license or shared data proves are marked so the portal can
 * say the applicant provides nothing for them.
 */
export function mergeMaterials(items: MergeInput[]): z.infer<typeof MergedMaterials> {
  const out = new Map<string, MaterialOut>();
  let before = 0;
  for (const item of items) {
    for (const m of item.materials) {
      before++;
      const id = materialIdentity(m);
      const usedBy = { basicCode: item.basicCode, itemName: item.itemName, key: m.key, title: m.name };
      const have = out.get(id);
      if (have) {
        // The same item listing a document twice keeps one entry per item.
        if (!have.usedBy.some((u) => u.basicCode === item.basicCode)) have.usedBy.push(usedBy);
        continue;
      }
      out.set(id, {
        key: id, name: m.name, required: m.required, condition: m.condition ?? null, source: m.source, form: m.form, medium: m.medium,
        provedByPlatform: m.source.kind === 'license' || m.source.kind === 'shared_data', usedBy: [usedBy],
      });
    }
  }
  const materials = [...out.values()];
  return { materials, before, after: materials.length };
}
