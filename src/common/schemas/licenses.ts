import { z } from 'zod';
import { validateLicenseIdentifier } from '../identifiers.ts';
import { PageQuery, pageOf } from './shared.ts';

/** States of a license (证照状态). `pending` waits to be signed; `superseded` was replaced by a newer version. */
export const LICENSE_STATES = ['pending', 'valid', 'suspended', 'revoked', 'superseded'] as const;
/** One license state. */
export type LicenseState = (typeof LICENSE_STATES)[number];

/** What a verifier is told (核验结论). */
export const VERIFY_VERDICTS = ['valid', 'suspended', 'revoked', 'expired', 'superseded', 'tampered', 'unknown_issuer', 'not_found'] as const;
/** One verdict. */
export type VerifyVerdict = (typeof VERIFY_VERDICTS)[number];

/** Holder kinds of a license type: 自然人, 法人, or both. */
export const HOLDER_KINDS = ['person', 'legal_person', 'both'] as const;

/** A GB/T 36904 license identifier, check character included. */
export const LicenseIdentifier = z
  .string()
  .trim()
  .max(120)
  .superRefine((v, c) => {
    const why = validateLicenseIdentifier(v);
    if (why) c.addIssue({ code: 'custom', message: why });
  })
  .describe('证照标识 (GB/T 36904)');

/** A data item (照面信息项) of a license type. */
export const LicenseField = z.object({
  /** Stable key, e.g. businessPremises. */
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, '字段标识应以字母开头，只含字母、数字、下划线'),
  /** Printed label, e.g. 经营场所. */
  label: z.string().trim().min(1).max(30),
  required: z.boolean().default(true),
  /** Key of the application form field it is filled from at issue, when the item's form has it. */
  formKey: z.string().max(60).optional(),
});

/** How long licenses of a type are valid. */
export const Validity = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('years'), years: z.number().int().min(1).max(50) }),
  z.object({ kind: z.literal('long_term') }),
]);

/** A license type (证照类型) as the console edits it. */
export const LicenseTypeBody = z.object({
  /** 证照类型代码: the defining body's credit code + 3 digits. */
  code: z.string().regex(/^[0-9A-Z]{18}\d{3}$/, '证照类型代码应为定义机构的统一社会信用代码（18位）加3位数字'),
  name: z.string().trim().min(2).max(60),
  /** 定义机构, e.g. 国家市场监督管理总局. */
  definingBody: z.string().trim().min(2).max(60),
  holderKind: z.enum(HOLDER_KINDS),
  /** 证照 (a license or certificate) or 电子证明 (a signed proof of a fact, e.g. 无犯罪记录证明). */
  category: z.enum(['license', 'certification']).default('license'),
  /** Department short names whose departments issue it (e.g. 市场监管局). */
  issuingDepartments: z.array(z.string().trim().min(1).max(30)).max(10).default([]),
  fields: z.array(LicenseField).max(30).default([]),
  validity: Validity,
  /** 证照模板: how its face is printed (OFD and PDF). */
  template: z
    .object({
      /** Frame colour, #rrggbb (e.g. #b22222 for the red of most permits). */
      frameColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, '颜色应为 #rrggbb').default('#b22222'),
      /** The title printed on the face when it is not the type's name (e.g. 中华人民共和国残疾人证). */
      printedTitle: z.string().trim().min(2).max(40).optional(),
    })
    .default({ frameColor: '#b22222' }),
  /** 证照编号 prefix, e.g. JY. */
  numberPrefix: z.string().regex(/^[A-Z]{0,6}$/, '编号前缀为0–6位大写字母').default(''),
  active: z.boolean().default(true),
});

/** Edit a license type (the code never changes). */
export const UpdateLicenseTypeBody = LicenseTypeBody.omit({ code: true }).partial();

/** A license type. */
export const LicenseTypeView = LicenseTypeBody.extend({
  /** Licenses of this type issued on this platform. */
  issuedCount: z.number().int(),
});

/** Code path parameter of a license type. */
export const LicenseTypeParams = z.object({ code: z.string().max(21) });

/** One lifecycle event of a license. */
export const LicenseEventView = z.object({
  event: z.string(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  reason: z.string().nullable(),
  actorName: z.string(),
  at: z.string(),
});

/** One use of a license, as its holder sees it (用证记录). */
export const LicenseUseView = z.object({
  kind: z.enum(['verify', 'staff_read', 'download', 'grant', 'case_use']),
  channel: z.string().nullable(),
  result: z.string().nullable(),
  caseId: z.string().nullable(),
  actorName: z.string().nullable(),
  purpose: z.string().nullable(),
  at: z.string(),
});

/** A license as listed (wallet, registry). */
export const LicenseSummary = z.object({
  id: z.uuid(),
  identifier: z.string(),
  licenseNumber: z.string(),
  typeCode: z.string(),
  typeName: z.string(),
  version: z.number().int(),
  state: z.enum(LICENSE_STATES),
  /** True when valid_until has passed (a valid license past its date verifies as expired). */
  expired: z.boolean(),
  holderKind: z.enum(['person', 'legal_person']),
  holderName: z.string(),
  /** Desensitized ID number or the credit code. */
  holderCode: z.string(),
  issuerName: z.string(),
  issuedAt: z.string(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  caseId: z.string().nullable(),
  source: z.enum(['case', 'import']),
});

/** A license in full: its data items, lifecycle and (for the holder) every use. */
export const LicenseDetail = LicenseSummary.extend({
  data: z.array(z.object({ key: z.string(), label: z.string(), value: z.string() })),
  signature: z.string().nullable(),
  keyId: z.string().nullable(),
  previousId: z.string().nullable(),
  nextId: z.string().nullable(),
  stateReason: z.string().nullable(),
  events: z.array(LicenseEventView),
  uses: z.array(LicenseUseView),
  documents: z.object({ ofd: z.boolean(), pdf: z.boolean() }),
  verifyUrl: z.string(),
});

/** Wallet / registry query. */
export const LicenseListQuery = PageQuery.extend({
  typeCode: z.string().max(21).optional(),
  state: z.enum(LICENSE_STATES).optional(),
  /** Free text over holder name, license number and identifier (registry only). */
  q: z.string().trim().max(60).optional(),
});

/** A page of licenses. */
export const LicensePage = pageOf(LicenseSummary);

/** Why staff change a license's state. */
export const LicenseStateBody = z.object({
  reason: z.string().trim().min(2, '请填写原因').max(500),
});

/** Change a license's data (变更): a new version replaces it. */
export const ChangeLicenseBody = z.object({
  reason: z.string().trim().min(2, '请填写原因').max(500),
  /** The new values by field key; fields not named keep their value. */
  data: z.record(z.string().max(40), z.string().trim().max(500)).default({}),
  holderName: z.string().trim().min(2).max(100).optional(),
});

/** Renew (延续): a new version with a new validity period. */
export const RenewLicenseBody = z.object({
  reason: z.string().trim().min(2, '请填写原因').max(500),
  /** New end of validity (YYYY-MM-DD); omitted = by the type's validity rule from today. */
  validUntil: z.iso.date().optional(),
});

/** Import an existing paper license (存量证照入库). */
export const ImportLicenseBody = z.object({
  typeCode: z.string().regex(/^[0-9A-Z]{21}$/, '证照类型代码应为21位'),
  licenseNumber: z.string().trim().min(3).max(60),
  holderKind: z.enum(['person', 'legal_person']),
  holderName: z.string().trim().min(2).max(100),
  /** ID number (person) or credit code (legal person): validated by its check digit. */
  holderCode: z.string().trim().toUpperCase().max(18),
  /** The issuing department on this platform. */
  issuerDepartmentId: z.uuid(),
  data: z.record(z.string().max(40), z.string().trim().max(500)).default({}),
  validFrom: z.iso.date(),
  validUntil: z.iso.date().nullable().default(null),
  issuedOn: z.iso.date(),
});

/** Staff query of a holder's license: only inside a case, with a reason (依申请查询). */
export const StaffLicenseQueryBody = z.object({
  caseId: z.uuid({ message: '查询证照须在办件中进行，请指明办件' }),
  typeCode: z.string().regex(/^[0-9A-Z]{21}$/, '证照类型代码应为21位'),
  reason: z.string().trim().min(4, '请填写查询事由（不少于4个字）').max(200),
});

/** A Merkle inclusion proof of a log entry (RFC 6962 shape, SM3). */
export const InclusionProof = z.object({
  leafIndex: z.number().int(),
  treeSize: z.number().int(),
  leafHash: z.string(),
  /** Sibling hashes from the leaf up, hex. */
  path: z.array(z.string()),
  rootHash: z.string(),
  /** The tree head's SM2 signature (hex) by the log key. */
  treeHeadSignature: z.string(),
  /** The canonical entry the leaf hashes. */
  entry: z.string(),
});

/** What verification found (核验结果). */
export const VerifyResult = z.object({
  verdict: z.enum(VERIFY_VERDICTS),
  /** A sentence for the person who verified. */
  message: z.string(),
  identifier: z.string().nullable(),
  license: z
    .object({
      typeName: z.string(),
      licenseNumber: z.string(),
      holderName: z.string(),
      holderCode: z.string(),
      issuerName: z.string(),
      issuedAt: z.string(),
      validFrom: z.string(),
      validUntil: z.string().nullable(),
      version: z.number().int(),
      state: z.enum(LICENSE_STATES),
      stateChangedAt: z.string(),
      data: z.array(z.object({ label: z.string(), value: z.string() })),
    })
    .nullable(),
  checks: z.object({
    /** The identifier's check character. */
    identifier: z.boolean(),
    /** The SM2 signature over the canonical license data. */
    signature: z.boolean().nullable(),
    /** For an uploaded document: the file matches what was issued (OFD: every signed digest). */
    document: z.boolean().nullable(),
    /** The signing key is the platform's own or on the trust list. */
    issuerTrusted: z.boolean().nullable(),
  }),
  issuer: z.object({ name: z.string(), code: z.string(), keyOrigin: z.enum(['local', 'trusted']), trustSource: z.string().nullable() }).nullable(),
  proof: InclusionProof.nullable(),
  checkedAt: z.string(),
});

/** Query of the verify route. */
export const VerifyQuery = z.object({
  /** How the verifier reached us: scanning the QR, typing the identifier, or an API call. */
  channel: z.enum(['qr', 'identifier', 'api']).default('identifier'),
  /** Include the transparency-log inclusion proof. */
  proof: z.enum(['true', 'false']).default('false'),
});

/** Identifier path parameter. */
export const IdentifierParams = z.object({ identifier: z.string().max(120) });

/** The latest signed tree head of the transparency log. */
export const TreeHead = z.object({
  treeSize: z.number().int(),
  rootHash: z.string(),
  signature: z.string(),
  publicKey: z.string(),
  createdAt: z.string().nullable(),
});

/** Consistency proof between two tree sizes. */
export const ConsistencyQuery = z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) });

/** A consistency proof. */
export const ConsistencyProof = z.object({ from: z.number().int(), to: z.number().int(), fromRoot: z.string(), toRoot: z.string(), path: z.array(z.string()) });

/** An issuer key (the private half never leaves the server). */
export const IssuerKeyView = z.object({
  id: z.uuid(),
  issuerCode: z.string(),
  issuerName: z.string(),
  origin: z.enum(['local', 'trusted']),
  trustSource: z.string().nullable(),
  publicKey: z.string(),
  status: z.enum(['active', 'retired', 'revoked']),
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
});

/** Add a trusted issuer key of another region (信任列表). */
export const TrustedKeyBody = z.object({
  issuerCode: z.string().regex(/^[0-9A-Z]{18}$/, '发证机构代码应为18位统一社会信用代码'),
  issuerName: z.string().trim().min(2).max(100),
  publicKey: z.string().trim().toLowerCase().regex(/^04[0-9a-f]{128}$/, 'SM2 公钥应为 04 开头的 130 位十六进制（未压缩点）'),
  trustSource: z.string().trim().min(2).max(100).describe('e.g. 福建省电子证照共享服务平台'),
});

/** Rotate the key of an issuing body. */
export const RotateKeyBody = z.object({ issuerCode: z.string().regex(/^[0-9A-Z]{18}$/, '发证机构代码应为18位统一社会信用代码') });

/** A license usable as a material in an application (the holder's own, valid). */
export const UsableLicense = z.object({
  id: z.uuid(),
  typeCode: z.string(),
  typeName: z.string(),
  licenseNumber: z.string(),
  holderName: z.string(),
  issuerName: z.string(),
  validUntil: z.string().nullable(),
});

/** A license used in a case, as the handling staff see it: verified data, not a scan. */
export const CaseLicenseView = z.object({
  materialKey: z.string(),
  reason: z.string(),
  grantedAt: z.string(),
  verdict: z.enum(VERIFY_VERDICTS),
  license: LicenseDetail.omit({ uses: true }),
});

/** Mark an uploaded material of a case as checked against the original (核验 → 可信电子材料). */
export const VerifyMaterialBody = z.object({
  caseId: z.uuid(),
  materialKey: z.string().min(1).max(40),
  /** Until when it may be reused (e.g. the validity of the document it copies); omitted = no limit. */
  validUntil: z.iso.date().optional(),
});

/** A trusted material (可信电子材料). */
export const TrustedMaterialView = z.object({
  id: z.uuid(),
  name: z.string(),
  materialKey: z.string(),
  fileIds: z.array(z.string()),
  sourceCaseId: z.string(),
  verifierName: z.string(),
  verifiedAt: z.string(),
  validUntil: z.string().nullable(),
  revoked: z.boolean(),
  revokeReason: z.string().nullable(),
  /** Not withdrawn and not past validUntil. */
  usable: z.boolean(),
  /** Cases that reused it. */
  uses: z.number().int(),
});

/** Query of the holder's trusted materials usable for one guide material. */
export const TrustedMaterialQuery = z.object({
  materialKey: z.string().max(40).optional(),
  name: z.string().max(100).optional(),
});
