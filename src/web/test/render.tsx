import { cleanup, render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';
import type { Prefs } from '../prefs/prefs.tsx';
import { AppProviders, createQueryClient } from '../providers.tsx';

/** antd's responsive helpers call matchMedia, which happy-dom does not implement. */
export function installDomStubs(): void {
  if (typeof window.matchMedia !== 'function') {
    Object.defineProperty(window, 'matchMedia', {
      configurable: true,
      value: (query: string): MediaQueryList =>
        ({
          matches: false,
          media: query,
          onchange: null,
          addListener: () => undefined,
          removeListener: () => undefined,
          addEventListener: () => undefined,
          removeEventListener: () => undefined,
          dispatchEvent: () => false,
        }) as MediaQueryList,
    });
  }
}

/** A JSON response, as the API would send it. */
export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/**
 * A fetch stub: answers by "METHOD path" and records every call; anything unplanned is a 401 (nobody
 * logged in), which is what the anonymous portal expects.
 */
export function stubFetch(routes: Record<string, (body: unknown) => Response> = {}) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://localhost');
    const method = init?.method ?? 'GET';
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ method, path: url.pathname, body });
    const handler = routes[`${method} ${url.pathname}`];
    return handler ? handler(body) : json(401, { error: { code: 'UNAUTHENTICATED', message: '请先登录' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls };
}

/** Render inside the app's providers and a memory router. */
export function renderApp(ui: ReactNode, { route = '/', prefs }: { route?: string; prefs?: Prefs } = {}): RenderResult {
  return render(
    <AppProviders queryClient={createQueryClient()} prefs={prefs}>
      <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
    </AppProviders>,
  );
}

/** Undo what a test did to the shared document and globals. */
export function resetDom(): void {
  cleanup();
  vi.unstubAllGlobals();
  window.localStorage.clear();
  document.documentElement.className = '';
  document.documentElement.removeAttribute('style');
  document.documentElement.lang = '';
}
