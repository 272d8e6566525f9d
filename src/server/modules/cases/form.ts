import { Ajv, type ValidateFunction } from 'ajv';
import type { FieldIssue } from '../../../common/errors.ts';

// One compiler for the process; compiled schemas are cached per catalog version (versions never change).
const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new Map<string, ValidateFunction | Error>();

/** Compile (once) the form JSON Schema of a catalog version. */
function validatorFor(versionId: string, schema: Record<string, unknown>): ValidateFunction | Error {
  let v = compiled.get(versionId);
  if (!v) {
    try {
      v = ajv.compile(schema);
    } catch (e) {
      // A broken schema in a published guide must not become a 500 on every application.
      v = e instanceof Error ? e : new Error(String(e));
    }
    compiled.set(versionId, v);
  }
  return v;
}

/** Validate form data against the version's form JSON Schema; each problem names its field under formData. */
export function validateForm(versionId: string, schema: Record<string, unknown>, data: Record<string, unknown>): FieldIssue[] {
  const v = validatorFor(versionId, schema);
  if (v instanceof Error) return [{ path: 'formData', message: `事项的申请表定义无效：${v.message}` }];
  if (v(data)) return [];
  return (v.errors ?? []).map((e) => {
    const missing = e.keyword === 'required' ? `.${String((e.params as { missingProperty?: string }).missingProperty ?? '')}` : '';
    const path = `formData${e.instancePath.replaceAll('/', '.')}${missing}`;
    return { path, message: e.keyword === 'required' ? '必填' : (e.message ?? 'invalid') };
  });
}
