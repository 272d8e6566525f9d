import type { Policy } from '../../platform/guard.ts';

/** Who may do what in the SSO module (the permission-matrix test checks every route against this). */
export const ssoPolicy = {
  /** Registering department systems as SSO clients is the system administrator's. */
  manageClients: { roles: ['system_admin'] },
  /** The consent screen: anyone (it shows whether someone is signed in); confirming needs a session. */
  readInteraction: { public: true },
  confirmInteraction: { authenticated: true },
  abortInteraction: { public: true },
  /** One's own authorizations. */
  myGrants: { authenticated: true },
} as const satisfies Record<string, Policy>;
