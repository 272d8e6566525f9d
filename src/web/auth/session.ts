import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client.ts';
import { authApi } from '../api/endpoints.ts';
import { qk } from '../api/queries.ts';
import type { MeResponse } from '../api/types.ts';

/** The current session, or null when nobody is logged in (401 is an answer here, not an error). */
export async function fetchMe(): Promise<MeResponse | null> {
  try {
    return await authApi.me();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

/** The logged-in account and session; `data` is null when anonymous, undefined while loading. */
export function useMe() {
  return useQuery({ queryKey: qk.me, queryFn: fetchMe, staleTime: 60_000 });
}

/** Remember a fresh session (after login or registration) without asking the server again. */
export function useSetSession(): (me: MeResponse | null) => void {
  const qc = useQueryClient();
  return (me) => {
    if (me === null) qc.clear();
    qc.setQueryData(qk.me, me);
  };
}

/** Log out; whatever happens on the server, forget everything cached for the old session. */
export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: authApi.logout,
    onSettled: () => {
      qc.clear();
      qc.setQueryData(qk.me, null);
    },
  });
}
