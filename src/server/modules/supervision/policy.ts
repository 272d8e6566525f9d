import type { Policy } from '../../platform/guard.ts';

/** Who may call each route of the supervision module (the permission-matrix test checks every route against this). */
export const supervisionPolicy = {
  /** Public statistics of ratings per department (好差评公示). */
  public: { public: true },
  /** Dashboards, warnings, KPIs, orders, complaints and tickets in the caller's region: supervisors (效能办). */
  supervise: { roles: ['supervisor', 'system_admin'] },
  /** Monitoring points and deadlines: supervisors (city-level checked in the service) and system administrators. */
  configure: { roles: ['supervisor', 'system_admin'] },
  /** The staff who handle cases: their own warnings, orders to reply, complaints and tickets of their department. */
  handler: { roles: ['window_clerk', 'approver'] },
  /** Applicants: ratings and complaints of their own cases. */
  applicant: { roles: ['applicant'] },
  /** A hall rating is entered at the window, on the applicant's behalf (评价器). */
  hallRating: { roles: ['window_clerk'] },
} as const satisfies Record<string, Policy>;
