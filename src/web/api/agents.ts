/**
 * Acting for an enterprise (切换身份) and its agents (经办人管理). Only types come from the shared
 * schemas, so the menu does not load zod.
 */
import type { z } from 'zod';
import type {
  ActingOptionsResponse as ActingOptionsSchema,
  AgentAuthorizationList as AgentAuthorizationListSchema,
  AgentAuthorizationView as AgentAuthorizationViewSchema,
  CreateAgentAuthorizationBody as CreateAgentAuthorizationBodySchema,
} from '../../common/schemas/agents.ts';
import { api, request } from './client.ts';
import type { MeResponse } from './types.ts';

export type ActingOptions = z.infer<typeof ActingOptionsSchema>;
export type ActingOption = ActingOptions['items'][number];
export type AgentAuthorization = z.infer<typeof AgentAuthorizationViewSchema>;
export type AgentAuthorizationList = z.infer<typeof AgentAuthorizationListSchema>;
export type CreateAgentAuthorizationBody = z.output<typeof CreateAgentAuthorizationBodySchema>;

const V1 = '/api/v1';

/** Query keys of this feature. */
export const agentKeys = {
  options: ['auth', 'acting-options'] as const,
  authorizations: ['agent-authorizations'] as const,
};

/** The endpoints. */
export const agentsApi = {
  options: () => api.get<ActingOptions>(`${V1}/auth/acting-options`),
  actAs: (enterpriseId: string) => api.post<MeResponse>(`${V1}/auth/act-as`, { enterpriseId }),
  endActing: () => request<MeResponse>('DELETE', `${V1}/auth/act-as`),
  list: () => api.get<AgentAuthorizationList>(`${V1}/agent-authorizations`),
  grant: (body: CreateAgentAuthorizationBody) => api.post<AgentAuthorization>(`${V1}/agent-authorizations`, body),
  revoke: (id: string, reason: string) => api.post<AgentAuthorization>(`${V1}/agent-authorizations/${id}/revoke`, { reason }),
};
