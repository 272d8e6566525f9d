import type { Policy } from '../../platform/guard.ts';

/** Who may call each route of the licenses module (the permission-matrix test checks every route against this). */
export const licensesPolicy = {
  /** Verification and the catalog of types are public: anyone holding a license document may check it. */
  public: { public: true },
  /** The wallet: citizens and enterprises. */
  holder: { roles: ['applicant'] },
  /** Documents: the holder, or staff of the issuing scope (checked per license). */
  document: { authenticated: true },
  /** The license catalog (证照目录) and the trust list are kept by the data administrators (大数据中心). */
  catalog: { roles: ['data_admin', 'system_admin'] },
  /** The registry of an issuing scope. */
  registry: { roles: ['approver', 'data_admin', 'system_admin', 'supervisor'] },
  /** Lifecycle actions and import of paper licenses: the issuing department's approvers and data administrators. */
  manage: { roles: ['approver', 'data_admin', 'system_admin'] },
  /** Queries of a holder's licenses inside a case (staff in the case's scope; checked per case). */
  caseQuery: { roles: ['window_clerk', 'approver'] },
  /** The licenses used in a case: its applicant or the staff handling it (checked per case). */
  caseUse: { authenticated: true },
} as const satisfies Record<string, Policy>;
