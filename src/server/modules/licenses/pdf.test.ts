import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import jsQR from 'jsqr';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLicenseIdentifier } from '../../../common/identifiers.ts';
import type { LicenseDocument } from './document.ts';
import { findCjkFont } from './font.ts';
import { renderLicensePdf, wrapLines } from './pdf.ts';
import { qrPng } from './qr.ts';
import { sealPng } from './seal.ts';

const identifier = makeLicenseIdentifier({
  typeCode: '11100000MB0143028R002',
  issuerCode: '11350703MB0K12345X',
  serial: 'JY23507030000012',
  version: 1,
});

const doc: LicenseDocument = {
  title: '食品经营许可证',
  identifier,
  licenseNumber: 'JY23507030000012',
  holderName: '南平市建阳区味香源餐饮店',
  holderCode: '92350703MA350K0T9B',
  holderCodeLabel: '统一社会信用代码',
  fields: [
    { label: '经营场所', value: '福建省南平市建阳区潭城街道童游路88号金桥花园3幢1层102室' },
    { label: '主体业态', value: '餐饮服务经营者（小型餐馆）' },
    {
      label: '经营项目',
      value:
        '热食类食品制售；冷食类食品制售（不含冷加工糕点）；生食类食品制售（仅限生食水产品以外的生食类食品）；' +
        '自制饮品制售（不含自酿酒）；预包装食品（含冷藏冷冻食品）销售；散装食品（含冷藏冷冻食品，不含散装熟食）销售；' +
        '网络经营（Wi-Fi 点餐、O2O delivery）。',
    },
  ],
  issuerName: '南平市建阳区市场监督管理局',
  issuedOn: '2024-03-15',
  validFrom: '2024-03-15',
  validUntil: '2029-03-14',
  verifyUrl: `https://zwfw.np.gov.cn/tongban/verify/${identifier}`,
};

const OUT_DIR = join(process.cwd(), 'test-results', 'license-pdf');

let pdf: Buffer;
let renderMs = 0;

beforeAll(async () => {
  const images = { qrPng: await qrPng(doc.verifyUrl, 400), sealPng: await sealPng(doc.issuerName) };
  const t = performance.now();
  pdf = await renderLicensePdf(doc, images);
  renderMs = performance.now() - t;
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'license.pdf'), pdf);
}, 60_000);

describe('renderLicensePdf', () => {
  it('writes a one-page A4 PDF with fixed metadata, byte-identical on every render', async () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const loaded = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(loaded.getPageCount()).toBe(1);
    const { width, height } = loaded.getPage(0).getSize();
    expect(width).toBeCloseTo(595.28, 1);
    expect(height).toBeCloseTo(841.89, 1);
    expect(loaded.getTitle()).toContain(doc.title);
    expect(loaded.getAuthor()).toBe(doc.issuerName);
    expect(loaded.getProducer()).toBe('Tongban');
    expect(loaded.getCreator()).toMatch(/Tongban/);
    expect(loaded.getCreationDate()?.toISOString()).toBe('2024-03-14T16:00:00.000Z');
    const images = { qrPng: await qrPng(doc.verifyUrl, 400), sealPng: await sealPng(doc.issuerName) };
    expect((await renderLicensePdf(doc, images)).equals(pdf)).toBe(true);
    // A render takes well under a second once the font is loaded (the first one also parses the font).
    expect(renderMs).toBeLessThan(10_000);
  });

  it('refuses content that cannot fit on the page instead of clipping it', async () => {
    const images = { qrPng: await qrPng(doc.verifyUrl), sealPng: await sealPng(doc.issuerName, { sizePx: 128 }) };
    const huge = { ...doc, fields: [{ label: '经营项目', value: '热食类食品制售；'.repeat(400) }] };
    await expect(renderLicensePdf(huge, images)).rejects.toThrow(/does not fit/);
  });
});

describe('wrapLines', () => {
  // Full-width CJK = 2 units, ASCII = 1 unit.
  const measure = (s: string) => Array.from(s).reduce((w, ch) => w + ((ch.codePointAt(0) ?? 0) > 0x7f ? 2 : 1), 0);

  it('breaks CJK between any two characters and keeps ASCII words whole', () => {
    expect(wrapLines('热食类食品制售冷食类', 8, measure)).toEqual(['热食类食', '品制售冷', '食类']);
    expect(wrapLines('含点餐Wi-Fi', 8, measure)).toEqual(['含点餐', 'Wi-Fi']);
    expect(wrapLines('abc defgh ij', 8, measure)).toEqual(['abc', 'defgh ij']);
  });

  it('never starts a line with closing punctuation nor ends one with an opening bracket', () => {
    expect(wrapLines('热食类食，品制', 8, measure)).toEqual(['热食类食，', '品制']);
    expect(wrapLines('热食类（食品）', 8, measure)).toEqual(['热食类', '（食品）']);
  });

  it('splits a run longer than a line, such as a URL', () => {
    const lines = wrapLines('https://example.gov.cn/verify/1.2.156', 10, measure);
    expect(lines.join('')).toBe('https://example.gov.cn/verify/1.2.156');
    expect(Math.max(...lines.map(measure))).toBeLessThanOrEqual(10);
  });
});

describe('findCjkFont', () => {
  it('uses the bundled TrueType font when nothing is configured', () => {
    const font = findCjkFont();
    expect(font.path).toMatch(/@expo-google-fonts[\\/]zcool-xiaowei/);
    expect(font.outlines).toBe('glyf');
    expect(font.faceName).toBe('ZCOOLXiaoWei-Regular');
    expect(findCjkFont()).toBe(font);
  });

  it('gives bytes whose small subsets keep every outline (fontkit short-loca bug)', async () => {
    // fontkit writes a short loca (offsets / 2) for subsets under 64 KB; with the bundled font's
    // odd-length glyph records that blanked glyphs until findCjkFont padded them.
    const font = fontkit.create(findCjkFont().bytes);
    const subset = font.createSubset();
    const chars = Array.from('食品经营许可证南平市');
    for (const ch of chars) subset.includeGlyph(font.glyphForCodePoint(ch.codePointAt(0) ?? 0));
    const parts: Uint8Array[] = [];
    await new Promise<void>((resolve) => {
      subset.encodeStream().on('data', (d) => parts.push(d)).on('end', () => resolve());
    });
    const sub = fontkit.create(Buffer.concat(parts));
    for (let gid = 1; gid <= chars.length; gid++) expect(sub.getGlyph(gid).bbox.width, chars[gid - 1]).toBeGreaterThan(0);
  });

  it('reports every place it searched when a configured font is missing', () => {
    expect(() => findCjkFont('/nonexistent/font.ttf')).toThrow(/nonexistent\/font\.ttf/);
  });

  it.runIf(existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'))('cuts one face out of a TrueType collection', () => {
    const font = findCjkFont('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc');
    expect(font.faceName).toBe('WenQuanYiMicroHei');
    expect(font.bytes.readUInt32BE(0)).toBe(0x00010000);
  });
});

// ---------------------------------------------------------------------------------------------
// What a reader sees, checked with poppler (an independent PDF implementation). CI installs it; on a
// developer machine without it these checks are skipped, but in CI a missing poppler is a failure.

const havePoppler = spawnSync('pdftoppm', ['-v']).error === undefined;

describe.runIf(havePoppler || Boolean(process.env.CI))('the PDF as poppler renders it', () => {
  let dir = '';
  let env: NodeJS.ProcessEnv = {};
  let pdfPath = '';

  const run = (cmd: string, args: string[]): Buffer => {
    // Each check fails on its own (rather than the whole block in a hook) so CI counts them as failures.
    if (!havePoppler) throw new Error('poppler-utils (pdftoppm, pdftotext, pdffonts) is required in CI');
    const r = spawnSync(cmd, args, { env, maxBuffer: 64 * 1024 * 1024 });
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr.toString()}`);
    return r.stdout;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'license-pdf-'));
    // An empty fontconfig: poppler can then use nothing but the fonts embedded in the PDF, so a missing
    // or broken embedded font shows up as blank text instead of being papered over by a system font.
    const fontsConf = join(dir, 'fonts.conf');
    writeFileSync(fontsConf, '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig></fontconfig>\n');
    env = { ...process.env, FONTCONFIG_FILE: fontsConf };
    pdfPath = join(dir, 'license.pdf');
    writeFileSync(pdfPath, pdf);
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('embeds the CJK font as a subset', () => {
    const rows = run('pdffonts', [pdfPath]).toString().split('\n').slice(2).filter((l) => l.trim() !== '');
    expect(rows).toHaveLength(1);
    // name, type (two words), encoding, emb, sub, uni, object, generation
    const cols = rows[0]?.trim().split(/\s+/) ?? [];
    expect(cols[0]).toMatch(/^[A-Z]{6}\+ZCOOLXiaoWei-Regular$/);
    expect(cols.slice(1, 3)).toEqual(['CID', 'TrueType']);
    expect(cols.slice(4, 7)).toEqual(['yes', 'yes', 'yes']);
  });

  it('has extractable text: title, holder, issuer, identifier', () => {
    // pdftotext puts spaces into letter-spaced runs and breaks lines; compare without whitespace.
    const text = run('pdftotext', ['-enc', 'UTF-8', pdfPath, '-']).toString().replace(/\s+/g, '');
    for (const s of [doc.title, doc.holderName, doc.issuerName, doc.identifier, doc.holderCode, '扫码核验']) expect(text).toContain(s);
  });

  it('renders the glyphs from the embedded font', () => {
    const out = join(OUT_DIR, 'license');
    run('pdftoppm', ['-png', '-r', '60', '-singlefile', pdfPath, out]);
    const png = PNG.sync.read(readFileSync(`${out}.png`));
    const scale = 60 / 72;
    expect(Math.abs(png.width - 595.28 * scale)).toBeLessThanOrEqual(1);
    // poppler's own idea of where each title character sits (the letter-spaced title comes out one
    // word per character); every box must hold ink in glyph-like amounts: not blank (glyph missing
    // from the subset) and not solid.
    const bbox = run('pdftotext', ['-bbox', '-enc', 'UTF-8', pdfPath, '-']).toString();
    const boxes = [...bbox.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)]
      .map((m) => ({ x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]), text: m[5] ?? '' }))
      .slice(0, Array.from(doc.title).length);
    expect(boxes.map((b) => b.text).join('')).toBe(doc.title);
    for (const b of boxes) {
      let dark = 0;
      let area = 0;
      for (let y = Math.floor(b.y0 * scale); y < Math.ceil(b.y1 * scale); y++) {
        for (let x = Math.floor(b.x0 * scale); x < Math.ceil(b.x1 * scale); x++) {
          const i = (y * png.width + x) * 4;
          area++;
          if ((png.data[i] ?? 255) + (png.data[i + 1] ?? 255) + (png.data[i + 2] ?? 255) < 3 * 160) dark++;
        }
      }
      expect(dark / area, b.text).toBeGreaterThan(0.06);
      expect(dark / area, b.text).toBeLessThan(0.6);
    }
  });

  it('carries a QR code that scans to the verification URL', () => {
    const base = join(dir, 'page150');
    run('pdftoppm', ['-png', '-r', '150', '-singlefile', pdfPath, base]);
    const page = PNG.sync.read(readFileSync(`${base}.png`));
    // Decode the lower-left quarter, where the QR sits, so the frame and text do not distract the decoder.
    const x0 = 0;
    const y0 = Math.round(page.height * 0.6);
    const w = Math.round(page.width / 2);
    const h = page.height - y0;
    const crop = new Uint8ClampedArray(w * h * 4);
    for (let y = 0; y < h; y++) {
      const from = ((y0 + y) * page.width + x0) * 4;
      crop.set(page.data.subarray(from, from + w * 4), y * w * 4);
    }
    expect(jsQR(crop, w, h)?.data).toBe(doc.verifyUrl);
  });
});
