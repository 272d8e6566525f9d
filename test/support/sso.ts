import { createServer } from 'node:net';

/** A free loopback TCP port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * A minimal browser for SSO tests: keeps cookies (by name, ignoring path — enough for one host) and
 * follows redirects by hand so a test can stop where the provider sends the browser elsewhere.
 */
export class CookieBrowser {
  private readonly jar = new Map<string, string>();

  /** Add a cookie ("name=value"), e.g. the platform session from loginCookie. */
  add(cookie: string): void {
    const [name, ...rest] = cookie.split('=');
    if (name) this.jar.set(name.trim(), rest.join('='));
  }

  private header(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** One request without following redirects; stores the cookies it sets. */
  async request(url: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Response> {
    const res = await fetch(url, { method: init.method ?? 'GET', redirect: 'manual', headers: { cookie: this.header(), ...init.headers }, ...(init.body !== undefined ? { body: init.body } : {}) });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      if (!pair) continue;
      const [name, ...rest] = pair.split('=');
      const value = rest.join('=');
      if (!name) continue;
      if (/expires=Thu, 01 Jan 1970/i.test(c) || value === '') this.jar.delete(name.trim());
      else this.jar.set(name.trim(), value);
    }
    return res;
  }

  /** Follow redirects from `url` until one leaves `stopPrefix`-less territory: returns the first Location starting with `stopPrefix`, or the final response. */
  async followUntil(url: string, stopPrefix: string, max = 10): Promise<{ location: string | null; last: Response }> {
    let current = url;
    for (let i = 0; i < max; i++) {
      const res = await this.request(current);
      const loc = res.headers.get('location');
      if (!loc || res.status < 300 || res.status >= 400) return { location: null, last: res };
      const next = new URL(loc, current).toString();
      if (next.startsWith(stopPrefix)) return { location: next, last: res };
      current = next;
    }
    throw new Error(`too many redirects from ${url}`);
  }
}
