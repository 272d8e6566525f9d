/** Single sign-on (单点登录): registered clients and the user's own grants — types from the shared schemas, endpoints and queries. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  SsoClientBody,
  SsoClientPatch,
  SsoClientView as SsoClientViewSchema,
  SsoClientWithSecret as WithSecretSchema,
  SsoGrantView as SsoGrantViewSchema,
} from '../../common/schemas/sso.ts';
import { api } from './client.ts';

export type SsoClientView = z.infer<typeof SsoClientViewSchema>;
export type SsoClientWithSecret = z.infer<typeof WithSecretSchema>;
export type SsoGrantView = z.infer<typeof SsoGrantViewSchema>;
export type CreateSsoClientInput = z.input<typeof SsoClientBody>;
export type UpdateSsoClientInput = z.input<typeof SsoClientPatch>;

/** The SSO endpoints. */
export const ssoApi = {
  clients: () => api.get<SsoClientView[]>('/api/v1/sso/clients'),
  client: (clientId: string) => api.get<SsoClientView>(`/api/v1/sso/clients/${encodeURIComponent(clientId)}`),
  create: (body: CreateSsoClientInput) => api.post<SsoClientWithSecret>('/api/v1/sso/clients', body),
  update: (clientId: string, body: UpdateSsoClientInput) => api.patch<SsoClientView>(`/api/v1/sso/clients/${encodeURIComponent(clientId)}`, body),
  rotate: (clientId: string) => api.post<SsoClientWithSecret>(`/api/v1/sso/clients/${encodeURIComponent(clientId)}/secret`),
  myGrants: () => api.get<SsoGrantView[]>('/api/v1/sso/grants/mine'),
  revokeGrant: (grantId: string) => api.delete(`/api/v1/sso/grants/mine/${encodeURIComponent(grantId)}`),
};

const CLIENTS = ['sso', 'clients'] as const;
const GRANTS = ['sso', 'grants', 'mine'] as const;

/** Every registered client (system administrators). */
export function useSsoClients() {
  return useQuery({ queryKey: CLIENTS, queryFn: ssoApi.clients });
}

/** Create, edit, enable/disable or rotate a client; every success refreshes the list. */
export function useSsoClientMutation<A, R>(fn: (args: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: CLIENTS }) });
}

/** The applications the signed-in person has authorized. */
export function useMySsoGrants(enabled = true) {
  return useQuery({ queryKey: GRANTS, queryFn: ssoApi.myGrants, enabled });
}

/** Withdraw one authorization; refreshes the list. */
export function useRevokeSsoGrant() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: ssoApi.revokeGrant, onSuccess: () => qc.invalidateQueries({ queryKey: GRANTS }) });
}
