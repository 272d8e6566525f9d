import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { ApiError } from './api/client.ts';
import { qk } from './api/queries.ts';
import { type Prefs, PrefsProvider, usePrefs } from './prefs/prefs.tsx';
import { buildTheme } from './theme.ts';

/** The query client: no retries on 4xx (they will not heal), and a 401 anywhere ends the local session. */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        // The session expired mid-visit: drop it so that guards send the visitor to the login page.
        if (error instanceof ApiError && error.status === 401) client.setQueryData(qk.me, null);
      },
    }),
    defaultOptions: {
      queries: {
        retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
  return client;
}

function ThemedProviders({ children }: { children: ReactNode }) {
  const { lang, elderly } = usePrefs();
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={buildTheme(elderly)}>
      <AntdApp>{children}</AntdApp>
    </ConfigProvider>
  );
}

/** Everything a page needs around it except the router (the app uses the browser's, tests a memory one). */
export function AppProviders({ children, queryClient, prefs }: { children: ReactNode; queryClient: QueryClient; prefs?: Prefs }) {
  return (
    <PrefsProvider initial={prefs}>
      <QueryClientProvider client={queryClient}>
        <ThemedProviders>{children}</ThemedProviders>
      </QueryClientProvider>
    </PrefsProvider>
  );
}
