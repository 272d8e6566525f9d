import { createRequire } from 'node:module';
import { JSDOM } from 'jsdom';
import { expect, vi } from 'vitest';

/**
 * ofd.js 0.2.6 — an independent OFD reader (Apache-2.0, a browser library) run in Node on jsdom
 * globals, so that tests check our OFD packages with code that is not our writer's.
 */

/** What ofd.js parses a document into (the parts the tests read). */
export interface OfdJsDoc {
  pages: unknown[];
  fontResObj: Record<string, string>;
  multiMediaResObj: Record<string, { img: { img: string; width: number; height: number } }>;
}

/** The ofd.js entry points the tests use. */
export interface OfdJs {
  parseOfdDocument(o: { ofd: ArrayBuffer; success: (docs: OfdJsDoc[]) => void; fail: (e: unknown) => void }): void;
  renderOfd(screenWidth: number, doc: OfdJsDoc): HTMLElement[];
  digestCheck(arr: unknown[]): boolean;
}

/** ofd.js on jsdom globals; `restore` puts the globals back. */
export interface OfdJsReader {
  ofdjs: OfdJs;
  open(ofd: Buffer): Promise<OfdJsDoc>;
  render(doc: OfdJsDoc): HTMLElement;
  restore(): void;
}

/** Install jsdom globals and load ofd.js (call in beforeAll; restore in afterAll). */
export function installOfdJs(): OfdJsReader {
  const saved = new Map<string, PropertyDescriptor | undefined>();
  const dom = new JSDOM('<!doctype html><html><body></body></html>');
  const win = dom.window;
  // jsdom lacks SVGImageElement.href and never loads images; ofd.js needs both (it waits for
  // onload to learn an image's size), so give it just enough: the size comes from the PNG header.
  if (!('href' in win.SVGElement.prototype)) {
    Object.defineProperty(win.SVGElement.prototype, 'href', {
      configurable: true,
      get(this: { _href?: { baseVal: string } }) {
        return (this._href ??= { baseVal: '' });
      },
    });
  }
  class PngImage {
    width = 0;
    height = 0;
    onload: (() => void) | null = null;
    private url = '';
    get src(): string {
      return this.url;
    }
    set src(url: string) {
      this.url = url;
      const png = Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
      this.width = png.readUInt32BE(16);
      this.height = png.readUInt32BE(20);
      setTimeout(() => this.onload?.(), 0);
    }
  }
  const globals: Record<string, unknown> = { window: win, document: win.document, DOMParser: win.DOMParser, Image: PngImage };
  for (const [k, v] of Object.entries(globals)) {
    saved.set(k, Object.getOwnPropertyDescriptor(globalThis, k));
    Object.defineProperty(globalThis, k, { value: v, configurable: true, writable: true });
  }
  const ofdjs = createRequire(import.meta.url)('ofd.js') as OfdJs;

  async function open(ofd: Buffer): Promise<OfdJsDoc> {
    // ofd.js logs every step to the console.
    const quiet = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const ab = ofd.buffer.slice(ofd.byteOffset, ofd.byteOffset + ofd.byteLength) as ArrayBuffer;
      const docs = await new Promise<OfdJsDoc[]>((resolve, reject) => ofdjs.parseOfdDocument({ ofd: ab, success: resolve, fail: reject }));
      expect(docs).toHaveLength(1);
      return docs[0] as OfdJsDoc;
    } finally {
      quiet.mockRestore();
    }
  }

  function render(doc: OfdJsDoc): HTMLElement {
    const quiet = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const divs = ofdjs.renderOfd(800, doc);
      expect(divs).toHaveLength(1);
      return divs[0] as HTMLElement;
    } finally {
      quiet.mockRestore();
    }
  }

  function restore(): void {
    for (const [k, d] of saved) {
      if (d) Object.defineProperty(globalThis, k, d);
      else Reflect.deleteProperty(globalThis, k);
    }
  }

  return { ofdjs, open, render, restore };
}
