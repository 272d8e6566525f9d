import type { Policy } from '../../platform/guard.ts';

/** Who may do what in the department-systems module (the permission-matrix test checks every route against this). */
export const departmentSystemsPolicy = {
  /** Registrations hold where cases go and the secrets that sign them: system administrators only. */
  manage: { roles: ['system_admin'] },
  /**
   * Inbound reports come from a department system, not an account: open at the session guard and
   * authenticated by the shared-secret signature (verifyInbound) before the body is read.
   */
  signed: { public: true },
} as const satisfies Record<string, Policy>;
