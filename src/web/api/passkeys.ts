/**
 * Passkeys (通行密钥): the owner's list, registration and login ceremonies. The browser half of each
 * ceremony is @simplewebauthn/browser; only types come from the shared schemas.
 */
import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import type { z } from 'zod';
import type { PasskeyList, PasskeyLoginOptions, PasskeyRegistrationOptions, PasskeyView as PasskeyViewSchema } from '../../common/schemas/passkeys.ts';
import { request } from './client.ts';
import type { MeResponse, Ok } from './types.ts';

export type PasskeyView = z.infer<typeof PasskeyViewSchema>;

/** The owner's passkeys and the passkey login. */
export const passkeysApi = {
  list: () => request<z.infer<typeof PasskeyList>>('GET', '/api/v1/passkeys'),
  rename: (id: string, name: string) => request<PasskeyView>('PATCH', `/api/v1/passkeys/${id}`, { body: { name } }),
  remove: (id: string) => request<Ok>('DELETE', `/api/v1/passkeys/${id}`),
  /** Ask the server for options, let the browser create a passkey, and store it under `name`. */
  register: async (name: string | undefined): Promise<PasskeyView> => {
    const { options } = await request<{ options: z.infer<typeof PasskeyRegistrationOptions> }>('POST', '/api/v1/passkeys/registration/options');
    const credential = await startRegistration({ optionsJSON: options });
    return request<PasskeyView>('POST', '/api/v1/passkeys/registration/verify', { body: { credential, ...(name ? { name } : {}) } });
  },
  /** Log in with a passkey: the browser lets the person pick one of this site's passkeys. */
  login: async (account?: string): Promise<MeResponse> => {
    const { options } = await request<{ options: z.infer<typeof PasskeyLoginOptions> }>('POST', '/api/v1/auth/passkey/options', { body: account ? { account } : {} });
    const credential = await startAuthentication({ optionsJSON: options });
    return request<MeResponse>('POST', '/api/v1/auth/passkey/verify', { body: { credential } });
  },
};

/** True when the person closed or refused the browser's passkey prompt (not an error worth a red alert). */
export function isPasskeyPromptDismissed(e: unknown): boolean {
  return e instanceof Error && (e.name === 'NotAllowedError' || e.name === 'AbortError' || (e as { code?: unknown }).code === 'ERROR_CEREMONY_ABORTED');
}
