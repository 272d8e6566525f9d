import type { Policy } from '../../platform/guard.ts';

/** Who may do what in the calendar module (the permission-matrix test checks every route against this). */
export const calendarPolicy = {
  /** Every staff member and applicant may see the holidays and compute a deadline. */
  read: { authenticated: true },
  /** Loading a year's official schedule changes every deadline in it: system administrators only. */
  load: { roles: ['system_admin'] },
} as const satisfies Record<string, Policy>;
