import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { Font } from '@pdf-lib/fontkit';

/** A CJK font ready for pdf-lib: one sfnt face (never a collection), plus where it came from. */
export interface CjkFont {
  /** The file the face was read from. */
  path: string;
  /** A single-face TrueType/OpenType file, normalised so fontkit's subsetter handles it (see normaliseGlyf). */
  bytes: Buffer;
  /** PostScript name of the face that was picked. */
  faceName?: string;
  /**
   * glyf: TrueType outlines, safe to embed with `subset: true`. cff: CFF outlines, which fontkit subsets
   * into a broken embedded font (seen with Noto Sans CJK), so they must be embedded whole.
   */
  outlines: 'glyf' | 'cff';
}

/**
 * The font shipped as an npm dependency, so `npm install && npm start` renders Chinese with no OS fonts:
 * ZCOOL XiaoWei (站酷小薇) — SIL OFL 1.1, TrueType (glyf) outlines, all 6763 GB 2312 hanzi, 6.3 MB.
 */
const BUNDLED_PACKAGE = '@expo-google-fonts/zcool-xiaowei';
const BUNDLED_FILE = '400Regular/ZCOOLXiaoWei_400Regular.ttf';

/** Debian/Ubuntu locations, best first; for collections the face to use (first face when absent). */
const SYSTEM_FONTS: { path: string; face?: string }[] = [
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', face: 'WenQuanYiZenHei' },
  // Face 0 of the Noto CJK collection is the Japanese one; Chinese documents need the SC glyph forms.
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
];

/** Characters every candidate must have, so a Latin-only font is never picked by mistake. */
const CJK_PROBE = '中华人民共和国电子证照';

const cache = new Map<string, CjkFont>();

/**
 * Find the CJK font for license PDFs and seals: the configured path, else the bundled npm font, else a
 * system font; the bytes are cached per configured path. Throws naming every place that was searched.
 */
export function findCjkFont(configuredPath?: string): CjkFont {
  const key = configuredPath ?? '';
  const hit = cache.get(key);
  if (hit) return hit;

  let found: CjkFont | undefined;
  const searched: string[] = [];
  if (configuredPath) {
    // An operator who configured a font wants that font: a bad path is an error, not a silent fallback.
    found = loadFace(configuredPath);
  } else {
    const bundled = bundledFontPath();
    const candidates = [
      ...(bundled ? [{ path: bundled }] : []),
      ...SYSTEM_FONTS,
    ];
    if (!bundled) searched.push(`${BUNDLED_PACKAGE} (not installed)`);
    for (const c of candidates) {
      if (!existsSync(c.path)) {
        searched.push(`${c.path} (missing)`);
        continue;
      }
      try {
        found = loadFace(c.path, c.face);
        break;
      } catch (err) {
        searched.push(`${c.path} (${(err as Error).message})`);
      }
    }
  }
  if (!found) {
    throw new Error(
      `No CJK TrueType font for license rendering. Searched: ${searched.join('; ')}. ` +
        'Run npm install (it brings the bundled font), set LICENSE_FONT_PATH to a .ttf/.ttc, or install fonts-wqy-microhei.',
    );
  }
  cache.set(key, found);
  return found;
}

const fontkitFonts = new WeakMap<CjkFont, Font>();

/** The fontkit font (glyph outlines, metrics) of a font found by findCjkFont, parsed once. */
export function openFont(font: CjkFont): Font {
  let f = fontkitFonts.get(font);
  if (!f) {
    f = fontkit.create(font.bytes);
    fontkitFonts.set(font, f);
  }
  return f;
}

function bundledFontPath(): string | undefined {
  try {
    const pkg = createRequire(import.meta.url).resolve(`${BUNDLED_PACKAGE}/package.json`);
    const file = join(dirname(pkg), BUNDLED_FILE);
    return existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/** Read a font file and return one usable face of it, or throw saying why it is unusable. */
function loadFace(path: string, preferredFace?: string): CjkFont {
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch (err) {
    throw new Error(`cannot read font ${path}: ${(err as Error).message}`);
  }
  const faces = splitFaces(raw, path);
  const parsed = faces.map((bytes) => ({ bytes, font: fontkit.create(bytes) }));
  const chosen = (preferredFace && parsed.find((f) => f.font.postscriptName === preferredFace)) || parsed[0];
  if (!chosen) throw new Error(`${path} holds no font face`);
  const missing = Array.from(CJK_PROBE).filter((ch) => !chosen.font.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0));
  if (missing.length > 0) throw new Error(`${path} has no glyphs for ${missing.join('')} (not a Chinese font)`);
  const tables = readTables(chosen.bytes, 0);
  const outlines = tables.tables.some((t) => t.tag === 'glyf') ? 'glyf' : 'cff';
  const bytes = outlines === 'glyf' ? normaliseGlyf(tables) : chosen.bytes;
  return { path, bytes, outlines, ...(chosen.font.postscriptName ? { faceName: chosen.font.postscriptName } : {}) };
}

// ---------------------------------------------------------------------------------------------
// sfnt plumbing: pdf-lib hands the bytes to fontkit.create, which yields a collection object (not a
// font) for .ttc files, so each face is cut out into a standalone sfnt first.

interface Table {
  tag: string;
  data: Buffer;
}

interface Sfnt {
  version: number;
  tables: Table[];
}

function splitFaces(buf: Buffer, path: string): Buffer[] {
  if (buf.length < 12) throw new Error(`${path} is not a font file`);
  const magic = buf.toString('latin1', 0, 4);
  if (magic === 'ttcf') {
    const count = buf.readUInt32BE(8);
    const faces: Buffer[] = [];
    for (let i = 0; i < count; i++) faces.push(writeSfnt(readTables(buf, buf.readUInt32BE(12 + 4 * i))));
    return faces;
  }
  if (magic === 'wOFF' || magic === 'wOF2') {
    // fontkit decodes web fonts for display, but its subsetter copies raw glyf bytes that WOFF stores compressed.
    throw new Error(`${path} is a WOFF web font; convert it to .ttf`);
  }
  const version = buf.readUInt32BE(0);
  if (version !== 0x00010000 && magic !== 'OTTO' && magic !== 'true') throw new Error(`${path} is not a TrueType/OpenType font`);
  return [buf];
}

function readTables(buf: Buffer, offset: number): Sfnt {
  const numTables = buf.readUInt16BE(offset + 4);
  const tables: Table[] = [];
  for (let i = 0; i < numTables; i++) {
    const rec = offset + 12 + 16 * i;
    const start = buf.readUInt32BE(rec + 8);
    tables.push({ tag: buf.toString('latin1', rec, rec + 4), data: buf.subarray(start, start + buf.readUInt32BE(rec + 12)) });
  }
  return { version: buf.readUInt32BE(offset), tables };
}

function checksum(data: Buffer): number {
  let sum = 0;
  const padded = data.length % 4 === 0 ? data : Buffer.concat([data, Buffer.alloc(4 - (data.length % 4))]);
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

function writeSfnt(font: Sfnt): Buffer {
  const tables = [...font.tables].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const n = tables.length;
  const headerLen = 12 + 16 * n;
  const total = tables.reduce((len, t) => len + ((t.data.length + 3) & ~3), headerLen);
  const out = Buffer.alloc(total);
  const entrySelector = Math.floor(Math.log2(n));
  out.writeUInt32BE(font.version, 0);
  out.writeUInt16BE(n, 4);
  out.writeUInt16BE(16 * 2 ** entrySelector, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(16 * n - 16 * 2 ** entrySelector, 10);
  let pos = headerLen;
  let headPos = -1;
  tables.forEach((t, i) => {
    const rec = 12 + 16 * i;
    const data = t.tag === 'head' ? Buffer.from(t.data) : t.data;
    if (t.tag === 'head') {
      data.writeUInt32BE(0, 8); // checkSumAdjustment is computed over the whole file below
      headPos = pos;
    }
    out.write(t.tag, rec, 'latin1');
    out.writeUInt32BE(checksum(data), rec + 4);
    out.writeUInt32BE(pos, rec + 8);
    out.writeUInt32BE(data.length, rec + 12);
    data.copy(out, pos);
    pos += (data.length + 3) & ~3;
  });
  if (headPos >= 0) out.writeUInt32BE((0xb1b0afba - checksum(out)) >>> 0, headPos + 8);
  return out;
}

/**
 * Rewrite glyf/loca with every glyph record padded to 4 bytes and a long loca. fontkit's subsetter copies
 * the records as they are and then picks the short loca format (offsets / 2) for small subsets, so an
 * odd-length record — common in fonts built by Google's pipeline — shifts every later glyph and they
 * render blank. Padding is what the spec recommends anyway.
 */
function normaliseGlyf(font: Sfnt): Buffer {
  const get = (tag: string) => font.tables.find((t) => t.tag === tag)?.data;
  const head = get('head');
  const maxp = get('maxp');
  const loca = get('loca');
  const glyf = get('glyf');
  if (!head || !maxp || !loca || !glyf) throw new Error('TrueType font without head/maxp/loca/glyf');
  const longLoca = head.readInt16BE(50) === 1;
  const numGlyphs = maxp.readUInt16BE(4);
  const offset = (i: number) => (longLoca ? loca.readUInt32BE(4 * i) : loca.readUInt16BE(2 * i) * 2);
  const newLoca = Buffer.alloc(4 * (numGlyphs + 1));
  const parts: Buffer[] = [];
  let pos = 0;
  for (let g = 0; g < numGlyphs; g++) {
    const start = offset(g);
    const len = Math.max(0, offset(g + 1) - start);
    newLoca.writeUInt32BE(pos, 4 * g);
    const padded = Buffer.alloc((len + 3) & ~3);
    glyf.copy(padded, 0, start, start + len);
    parts.push(padded);
    pos += padded.length;
  }
  newLoca.writeUInt32BE(pos, 4 * numGlyphs);
  const newHead = Buffer.from(head);
  newHead.writeInt16BE(1, 50);
  const replaced: Record<string, Buffer> = { head: newHead, loca: newLoca, glyf: Buffer.concat(parts) };
  return writeSfnt({ version: font.version, tables: font.tables.map((t) => ({ tag: t.tag, data: replaced[t.tag] ?? t.data })) });
}
