import type { Ctx } from '../../platform/context.ts';

/** What other modules learn when a case is completed (办结). */
export interface CaseCompleted {
  caseId: string;
  caseNumber: string;
  outcome: 'approved' | 'denied';
  /** The guide's result type: a license type code means the licenses module should issue one. */
  result: { type: string; name: string; documentNumber: string; licenseTypeCode: string | null };
  regionCode: string;
  departmentId: string;
  applicantAccountId: string | null;
  versionId: string;
  /** The item's name as the applicant saw it. */
  itemName: string;
  /** The applicant as the license holder: kind, name and the clear ID number or credit code. */
  applicant: { kind: 'person' | 'legal_person'; name: string; code: string | null };
  /** The application form as submitted (the license's data items are taken from it). */
  formData: Record<string, unknown>;
  /** When the case was completed (the issue date of what it issues). */
  completedAt: string;
}

/** A handler of completed cases; runs inside the completing transaction, so keep it to database writes. */
export type CaseCompletedHandler = (ctx: Ctx, event: CaseCompleted) => Promise<void>;

const handlers: CaseCompletedHandler[] = [];

/**
 * Subscribe to completed cases. The licenses module registers `issueLicenseForCase` here; signing
 * and rendering must run after the transaction (e.g. as a job the handler enqueues).
 */
export function registerCaseCompletedHandler(handler: CaseCompletedHandler): () => void {
  handlers.push(handler);
  return () => {
    const i = handlers.indexOf(handler);
    if (i >= 0) handlers.splice(i, 1);
  };
}

/** Called by the case engine when a case is completed (办结), inside its transaction. */
export async function onCaseCompleted(ctx: Ctx, event: CaseCompleted): Promise<void> {
  for (const h of handlers) await h(ctx, event);
}

/** A lifecycle event other modules (department systems) act on. */
export interface CaseLifecycleEvent {
  event: 'case.accepted' | 'case.completed';
  caseId: string;
  /** The implementing department (承办部门). */
  departmentId: string;
}

/** A handler of lifecycle events; runs inside the transition's transaction (enqueue jobs, no network). */
export type CaseEventHandler = (ctx: Ctx, event: CaseLifecycleEvent) => Promise<void>;

const eventHandlers: CaseEventHandler[] = [];

/** Subscribe to case lifecycle events (the department-systems module sends them by webhook). */
export function registerCaseEventHandler(handler: CaseEventHandler): () => void {
  eventHandlers.push(handler);
  return () => {
    const i = eventHandlers.indexOf(handler);
    if (i >= 0) eventHandlers.splice(i, 1);
  };
}

/** Called by the case engine at accept and completion, inside the transition's transaction. */
export async function onCaseEvent(ctx: Ctx, event: CaseLifecycleEvent): Promise<void> {
  for (const h of eventHandlers) await h(ctx, event);
}

/** A material an applicant wants proved by an electronic license (一证通办). */
export interface LicenseMaterialQuery {
  applicant: { kind: 'person' | 'legal_person'; code: string | null };
  typeCode: string;
  typeName: string;
  /** The license the applicant picked; omitted = their valid license of that type. */
  licenseId?: string | undefined;
}

/** The license that proves it, or why none does (shown to the applicant against the material). */
export type LicenseMaterialAnswer = { ok: true; licenseId: string; licenseNumber: string; issuerName: string } | { ok: false; message: string };

/** Finds the holder's license for a material; the licenses module registers it. */
export type LicenseMaterialResolver = (ctx: Ctx, q: LicenseMaterialQuery) => Promise<LicenseMaterialAnswer>;

/** Records the holder's grants (用证授权) when an application carrying license materials is submitted. */
export type LicenseGrantHandler = (
  tx: Ctx,
  e: { caseId: string; applicantAccountId: string | null; itemName: string; grants: { materialKey: string; licenseId: string }[] },
) => Promise<void>;

let licenseResolver: LicenseMaterialResolver | null = null;
let grantHandler: LicenseGrantHandler | null = null;

/** Register the licenses module's resolver and grant recorder (one each; a second registration replaces the first). */
export function registerLicenseMaterials(resolver: LicenseMaterialResolver, onGrant: LicenseGrantHandler): void {
  licenseResolver = resolver;
  grantHandler = onGrant;
}

/** Resolve a license material; without a licenses module every such material is accepted as declared. */
export async function resolveLicenseMaterial(ctx: Ctx, q: LicenseMaterialQuery): Promise<LicenseMaterialAnswer | null> {
  return licenseResolver ? licenseResolver(ctx, q) : null;
}

/** Record the grants of a submitted application, inside its transaction. */
export async function recordLicenseGrants(tx: Ctx, e: Parameters<LicenseGrantHandler>[1]): Promise<void> {
  if (grantHandler && e.grants.length > 0) await grantHandler(tx, e);
}

/** A material the applicant proves with a trusted material verified in an earlier case (可信电子材料). */
export interface TrustedMaterialQuery {
  applicant: { kind: 'person' | 'legal_person'; code: string | null };
  materialKey: string;
  materialName: string;
  trustedMaterialId: string;
}

/** The verified files, or why the trusted material cannot serve here. */
export type TrustedMaterialAnswer = { ok: true; fileIds: string[] } | { ok: false; message: string };

/** Resolves trusted materials and records their reuse; the licenses module registers both. */
export interface TrustedMaterialHandlers {
  resolve(ctx: Ctx, q: TrustedMaterialQuery): Promise<TrustedMaterialAnswer>;
  recordUse(tx: Ctx, e: { caseId: string; uses: { materialKey: string; trustedMaterialId: string }[] }): Promise<void>;
}

let trustedHandlers: TrustedMaterialHandlers | null = null;

/** Register the trusted-material handlers (a second registration replaces the first). */
export function registerTrustedMaterials(h: TrustedMaterialHandlers): void {
  trustedHandlers = h;
}

/** Resolve a trusted material; without a handler none can be used. */
export async function resolveTrustedMaterial(ctx: Ctx, q: TrustedMaterialQuery): Promise<TrustedMaterialAnswer> {
  return trustedHandlers ? trustedHandlers.resolve(ctx, q) : { ok: false, message: '本平台未开通可信电子材料复用' };
}

/** Record the reuse of trusted materials in a submitted application, inside its transaction. */
export async function recordTrustedMaterialUse(tx: Ctx, e: Parameters<TrustedMaterialHandlers['recordUse']>[1]): Promise<void> {
  if (trustedHandlers && e.uses.length > 0) await trustedHandlers.recordUse(tx, e);
}
