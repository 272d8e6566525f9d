import type { GuideContent } from '../../api/catalog.ts';
import type { MessageKey, Translate } from '../../i18n/index.ts';

/** Guide fields and sub-fields that have a readable label (the national field names). */
const FIELDS = [
  'name', 'itemType', 'legalBases', 'powerSource', 'delegatedBody', 'coHandlingBodies', 'servesTo', 'themes', 'statutoryLimit',
  'promisedLimit', 'specialProcedures', 'conditions', 'handlingForm', 'visitsRequired', 'visitsReason', 'processSteps', 'materials',
  'fees', 'onlineDepth', 'appointment', 'onlinePayment', 'courierDelivery', 'selfServiceTerminal', 'handlingScope', 'result',
  'channels', 'location', 'form', 'days', 'unit', 'explanation', 'key', 'medium', 'required', 'condition', 'copies',
  'source', 'blankForm', 'sample', 'acceptanceStandard', 'legalBasis', 'notes', 'role', 'department', 'parallelGroup',
  'amountYuan', 'basis', 'waivable', 'law', 'article', 'text', 'licenseTypeCode', 'licenseTypeName', 'resourceCode',
  'resourceName', 'kind', 'note', 'type', 'consultPhone', 'complaintPhone', 'appeal', 'litigation', 'address', 'hours',
  'enabled', 'dailyQuota', 'maxDays', 'minRealNameLevel',
] as const;
type Field = (typeof FIELDS)[number];
const KNOWN = new Set<string>(FIELDS);

/** The label of one field name, or the name itself. */
export function fieldName(name: string, t: Translate): string {
  return KNOWN.has(name) ? t(`catalogField.${name as Field}` satisfies MessageKey) : name;
}

/**
 * A server path ("content.materials.2.condition") in words ("申请材料 › 第3项（委托书） › 适用情形"),
 * naming list entries by their name where the guide has one.
 */
export function fieldPathLabel(path: string, t: Translate, content?: GuideContent | null): string {
  const parts = path.split('.').filter((p) => p !== '' && p !== 'content' && p !== 'body');
  const out: string[] = [];
  let node: unknown = content ?? undefined;
  let inMaterial = false;
  for (const p of parts) {
    if (/^\d+$/.test(p)) {
      const entry: unknown = Array.isArray(node) ? node[Number(p)] : undefined;
      const name = entry && typeof entry === 'object' && 'name' in entry && typeof entry.name === 'string' ? entry.name : undefined;
      out.push(name ? t('catalogField.entryNamed', { n: Number(p) + 1, name }) : t('catalogField.entry', { n: Number(p) + 1 }));
      node = entry;
    } else {
      // "form" is the application form at the top, and 原件/复印件 inside a material.
      out.push(inMaterial && p === 'form' ? t('catalogField.materialForm') : fieldName(p, t));
      inMaterial = p === 'materials';
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[p] : undefined;
    }
  }
  return out.length > 0 ? out.join(' › ') : t('catalogField.whole');
}
