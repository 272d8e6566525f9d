import type { Policy } from '../../platform/guard.ts';

/** Who may do what in the notify module (the permission-matrix test checks every route against this). */
export const notifyPolicy = {
  /** Everyone reads and marks their own notifications; the service never shows anyone else's. */
  own: { authenticated: true },
  /** The outbox holds every message sent to anyone: system administrators only. */
  readOutbox: { roles: ['system_admin'] },
} as const satisfies Record<string, Policy>;
