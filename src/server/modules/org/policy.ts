import type { Policy } from '../../platform/guard.ts';

/** Who may do what in the org module (the permission-matrix test checks every route against this). */
export const orgPolicy = {
  /** Regions, departments and windows are the public directory of the government. */
  readDirectory: { public: true },
  editDirectory: { roles: ['system_admin'] },
  /** Colleagues: staff of the reader's scope; department-bound roles see their department. */
  readStaff: { roles: ['system_admin', 'supervisor', 'window_clerk', 'approver'] },
  editStaff: { roles: ['system_admin'] },
  readStats: { roles: ['supervisor', 'system_admin'] },
} as const satisfies Record<string, Policy>;
