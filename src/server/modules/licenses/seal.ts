import { PNG } from 'pngjs';
import type { Font, Glyph, Path } from '@pdf-lib/fontkit';
import { findCjkFont, openFont } from './font.ts';

/** Options of sealPng. */
export interface SealOptions {
  /** Width and height of the square image; 480 px prints a 40 mm seal at about 300 dpi. */
  sizePx?: number;
  /** CJK font file (LICENSE_FONT_PATH); defaults to what findCjkFont picks. */
  fontPath?: string;
  /** Straight line under the star; null leaves it out. */
  caption?: string | null;
}

/** Where one character of the issuer name sits on the arc (pixels, angles clockwise from 12 o'clock). */
export interface SealGlyphBox {
  char: string;
  /** Angle of the character's centre line, radians; negative is left of the top. */
  angle: number;
  /** Box of the character: width along the arc, height along the radius. */
  width: number;
  height: number;
  /** Radius of the box's outer (top) edge and inner (bottom) edge. */
  outerRadius: number;
  innerRadius: number;
}

/** The arc layout of the issuer name. */
export interface SealArcLayout {
  glyphs: SealGlyphBox[];
  /** Angle between neighbouring character centres, radians. */
  step: number;
  /** Radius of the ring's inner edge, which no character may cross. */
  ringInnerRadius: number;
}

// Proportions of a typical 42 mm round official seal (a rim of under 2 mm, a star about a third of the
// diameter across), as fractions of the image size.
const RING_OUTER = 0.485;
const RING_WIDTH = 0.04;
const TEXT_GAP = 0.022;
const TEXT_HEIGHT = 0.14;
const STAR_RADIUS = 0.165;
const CAPTION_Y = 0.255;
const CAPTION_HEIGHT = 0.072;
const CAPTION_MAX_WIDTH = 0.44;
/** Seal-engraving type is condensed; never squeeze below MIN_ASPECT, shrink the height instead. */
const ASPECT = 0.82;
const MIN_ASPECT = 0.55;
const SEAL_RGB: [number, number, number] = [214, 28, 36];
/** Ink is not fully opaque: the issuer name under the seal stays legible, as on paper. */
const INK_ALPHA = 0.9;
const SUPERSAMPLE = 4;

/** Lay the issuer name out along the upper arc: wider spacing for short names, condensed type for long ones. */
export function layoutSealArc(issuerName: string, sizePx: number): SealArcLayout {
  const chars = Array.from(issuerName.trim());
  const n = Math.max(1, chars.length);
  const ringInner = (RING_OUTER - RING_WIDTH) * sizePx;
  const outer = ringInner - TEXT_GAP * sizePx;
  // Short names are spread over at least 150°, long ones stop at 260° so the bottom stays open.
  const span = (Math.min(260, Math.max(150, n * 21)) * Math.PI) / 180;
  const step = span / n;
  // The binding constraint is the chord at the box's inner edge: keep a 10% gap between neighbours.
  const k = 2 * Math.sin(step / 2) * 0.9;
  let height = TEXT_HEIGHT * sizePx;
  let width = Math.min(height * ASPECT, k * (outer - height));
  if (width < height * MIN_ASPECT) {
    // Solve MIN_ASPECT·h = k·(outer − h) for h.
    height = (k * outer) / (MIN_ASPECT + k);
    width = height * MIN_ASPECT;
  }
  const glyphs = chars.map((char, i) => ({
    char,
    angle: -span / 2 + step * (i + 0.5),
    width,
    height,
    outerRadius: outer,
    innerRadius: outer - height,
  }));
  return { glyphs, step, ringInnerRadius: ringInner };
}

/**
 * A red round official seal (公章) on a transparent background: rim, five-pointed star, the issuer name
 * along the upper arc and an optional caption line (电子证照专用章). Rasterised here, so it is
 * deterministic and needs no canvas library.
 */
export async function sealPng(issuerName: string, opts: SealOptions = {}): Promise<Buffer> {
  const size = Math.round(opts.sizePx ?? 480);
  if (!(size >= 64 && size <= 4096)) throw new Error('seal size must be between 64 and 4096 px');
  const font = openFont(findCjkFont(opts.fontPath));
  const caption = opts.caption === undefined ? '电子证照专用章' : opts.caption;
  const c = size / 2;
  const coverage = new Float32Array(size * size);
  const text = new Float32Array(size * size);
  const fill = (contours: Contour[], target = coverage) => fillNonZero(contours, size, size, target);

  fill([circle(c, c, RING_OUTER * size, false), circle(c, c, (RING_OUTER - RING_WIDTH) * size, true)]);
  fill([star(c, c, STAR_RADIUS * size)]);

  const ref = referenceBox(font, issuerName);
  for (const g of layoutSealArc(issuerName, size).glyphs) {
    const sx = g.width / ref.width;
    const sy = g.height / ref.height;
    const rc = (g.outerRadius + g.innerRadius) / 2;
    // Tangent (reading direction, clockwise) and outward normal at the character's angle; pixel y is down.
    const t: Pt = [Math.cos(g.angle), Math.sin(g.angle)];
    const nrm: Pt = [Math.sin(g.angle), -Math.cos(g.angle)];
    const ox = c + rc * nrm[0];
    const oy = c + rc * nrm[1];
    fill(
      glyphContours(font, g.char, ref, (u, v) => {
        const du = u * sx;
        const dv = v * sy;
        return [ox + du * t[0] + dv * nrm[0], oy + du * t[1] + dv * nrm[1]];
      }),
      text,
    );
  }

  if (caption) {
    const chars = Array.from(caption);
    let h = CAPTION_HEIGHT * size;
    let pitch = Math.min(h * 0.95, (CAPTION_MAX_WIDTH * size) / chars.length);
    if (pitch < h * 0.6) {
      h = pitch / 0.6;
      pitch = h * 0.6;
    }
    const w = Math.min(h * ASPECT, pitch * 0.9);
    const capRef = referenceBox(font, caption);
    const sx = w / capRef.width;
    const sy = h / capRef.height;
    const cy = c + CAPTION_Y * size;
    chars.forEach((ch, i) => {
      const cx = c + (i - (chars.length - 1) / 2) * pitch;
      fill(glyphContours(font, ch, capRef, (u, v) => [cx + u * sx, cy - v * sy]), text);
    });
  }

  // Engraved seal type is heavier than text type: thicken the strokes by about 0.3% of the seal each side.
  const bold = dilate(text, size, size, Math.round(size * 0.003));
  for (let i = 0; i < coverage.length; i++) coverage[i] = Math.max(coverage[i] ?? 0, bold[i] ?? 0);

  const png = new PNG({ width: size, height: size });
  for (let i = 0; i < coverage.length; i++) {
    const a = Math.min(1, coverage[i] ?? 0);
    png.data[i * 4] = SEAL_RGB[0];
    png.data[i * 4 + 1] = SEAL_RGB[1];
    png.data[i * 4 + 2] = SEAL_RGB[2];
    png.data[i * 4 + 3] = Math.round(a * INK_ALPHA * 255);
  }
  return PNG.sync.write(png, { colorType: 6 });
}

// ---------------------------------------------------------------------------------------------
// Geometry

type Pt = [number, number];
type Contour = Pt[];

function circle(cx: number, cy: number, r: number, reverse: boolean): Contour {
  // Enough vertices that the polygon stays within 0.05 px of the true circle.
  const n = Math.max(64, Math.ceil(Math.PI / Math.acos(1 - 0.05 / r)));
  const pts: Contour = [];
  for (let i = 0; i < n; i++) {
    const a = ((reverse ? -i : i) / n) * 2 * Math.PI;
    pts.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  return pts;
}

function star(cx: number, cy: number, r: number): Contour {
  // Inner vertices of a regular pentagram lie at r·sin18°/sin126° from the centre.
  const inner = (r * Math.sin(Math.PI / 10)) / Math.sin((7 * Math.PI) / 10);
  const pts: Contour = [];
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 === 0 ? r : inner;
    pts.push([cx + rr * Math.cos(a), cy + rr * Math.sin(a)]);
  }
  return pts;
}

interface RefBox {
  width: number;
  height: number;
  /** Centre of the ink box relative to a glyph's advance centre (x) and to the baseline (y). */
  dx: number;
  cy: number;
}

/**
 * One ink box shared by a run of characters: the union of 国 (which fills the ideographic em box) and
 * the run's own glyphs, each measured from its advance centre. Every character gets the same scale, so
 * 一 stays thin and 口 stays small as in engraved type, and no character leaves its layout box.
 */
function referenceBox(font: Font, text: string): RefBox {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const ch of ['国', ...Array.from(text)]) {
    const g = font.glyphForCodePoint(ch.codePointAt(0) ?? 0);
    const b = g.bbox;
    if (!(b.maxX > b.minX && b.maxY > b.minY)) continue;
    x0 = Math.min(x0, b.minX - g.advanceWidth / 2);
    x1 = Math.max(x1, b.maxX - g.advanceWidth / 2);
    y0 = Math.min(y0, b.minY);
    y1 = Math.max(y1, b.maxY);
  }
  const em = font.unitsPerEm;
  if (!(x1 > x0 && y1 > y0)) return { width: em * 0.9, height: em * 0.9, dx: 0, cy: em * 0.38 };
  return { width: x1 - x0, height: y1 - y0, dx: (x0 + x1) / 2, cy: (y0 + y1) / 2 };
}

interface PathCommand {
  command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
  args: number[];
}

function commandsOf(path: Path): PathCommand[] {
  // fontkit keeps the outline as a command list; its typings only describe the drawing methods.
  return (path as Path & { commands: PathCommand[] }).commands;
}

/**
 * The outline of one character as polygons, with curves flattened to within ~0.1 px. `place` maps
 * glyph coordinates centred on the reference ink box (y up, font units) to pixels.
 */
function glyphContours(font: Font, ch: string, ref: RefBox, place: (u: number, v: number) => Pt): Contour[] {
  const glyph: Glyph = font.glyphForCodePoint(ch.codePointAt(0) ?? 0);
  const cx = glyph.advanceWidth / 2 + ref.dx;
  const map = (x: number, y: number): Pt => place(x - cx, y - ref.cy);
  const contours: Contour[] = [];
  let cur: Contour = [];
  let last: Pt = [0, 0];
  const close = () => {
    if (cur.length > 2) contours.push(cur);
    cur = [];
  };
  for (const { command, args: a } of commandsOf(glyph.path)) {
    if (command === 'moveTo') {
      close();
      last = map(a[0] ?? 0, a[1] ?? 0);
      cur.push(last);
    } else if (command === 'lineTo') {
      last = map(a[0] ?? 0, a[1] ?? 0);
      cur.push(last);
    } else if (command === 'quadraticCurveTo') {
      const p1 = map(a[0] ?? 0, a[1] ?? 0);
      const p2 = map(a[2] ?? 0, a[3] ?? 0);
      const n = segments(last, p1, p2);
      for (let i = 1; i <= n; i++) {
        const t = i / n;
        const s = 1 - t;
        cur.push([s * s * last[0] + 2 * s * t * p1[0] + t * t * p2[0], s * s * last[1] + 2 * s * t * p1[1] + t * t * p2[1]]);
      }
      last = p2;
    } else if (command === 'bezierCurveTo') {
      const p1 = map(a[0] ?? 0, a[1] ?? 0);
      const p2 = map(a[2] ?? 0, a[3] ?? 0);
      const p3 = map(a[4] ?? 0, a[5] ?? 0);
      const n = segments(last, p1, p2, p3);
      for (let i = 1; i <= n; i++) {
        const t = i / n;
        const s = 1 - t;
        const b0 = s * s * s;
        const b1 = 3 * s * s * t;
        const b2 = 3 * s * t * t;
        const b3 = t * t * t;
        cur.push([
          b0 * last[0] + b1 * p1[0] + b2 * p2[0] + b3 * p3[0],
          b0 * last[1] + b1 * p1[1] + b2 * p2[1] + b3 * p3[1],
        ]);
      }
      last = p3;
    } else {
      close();
    }
  }
  close();
  return contours;
}

/** Segment count for a curve from the length of its control polygon (in pixels). */
function segments(...pts: Pt[]): number {
  let len = 0;
  for (let i = 1; i < pts.length; i++) {
    const p = pts[i - 1] ?? [0, 0];
    const q = pts[i] ?? [0, 0];
    len += Math.hypot(q[0] - p[0], q[1] - p[1]);
  }
  return Math.min(32, Math.max(2, Math.ceil(Math.sqrt(len) * 1.5)));
}

// ---------------------------------------------------------------------------------------------
// Scanline rasteriser: non-zero winding, SUPERSAMPLE sub-scanlines per pixel row and exact horizontal
// span coverage. Each call fills one shape and merges it into `target` by maximum, so touching shapes
// (a stroke meeting the rim) never cancel each other out the way one combined non-zero fill could.

interface Edge {
  top: number;
  bottom: number;
  xTop: number;
  slope: number;
  dir: number;
}

function fillNonZero(contours: Contour[], width: number, height: number, target: Float32Array): void {
  const edges: Edge[] = [];
  let minY = Infinity;
  let maxY = -Infinity;
  let minX = Infinity;
  let maxX = -Infinity;
  for (const contour of contours) {
    for (let i = 0; i < contour.length; i++) {
      const p = contour[i] ?? [0, 0];
      const q = contour[(i + 1) % contour.length] ?? [0, 0];
      minX = Math.min(minX, p[0]);
      maxX = Math.max(maxX, p[0]);
      if (p[1] === q[1]) continue;
      const down = q[1] > p[1];
      const [a, b] = down ? [p, q] : [q, p];
      edges.push({ top: a[1], bottom: b[1], xTop: a[0], slope: (b[0] - a[0]) / (b[1] - a[1]), dir: down ? 1 : -1 });
      minY = Math.min(minY, a[1]);
      maxY = Math.max(maxY, b[1]);
    }
  }
  if (edges.length === 0) return;
  edges.sort((e, f) => e.top - f.top);
  const row0 = Math.max(0, Math.floor(minY));
  const row1 = Math.min(height - 1, Math.ceil(maxY));
  const col0 = Math.max(0, Math.floor(minX));
  const col1 = Math.min(width, Math.ceil(maxX) + 1);
  if (row1 < row0 || col1 <= col0) return;
  const w = col1 - col0;
  const cov = new Float32Array(w * (row1 - row0 + 1));
  const weight = 1 / SUPERSAMPLE;
  let next = 0;
  let active: Edge[] = [];
  const xs: { x: number; dir: number }[] = [];

  for (let row = row0; row <= row1; row++) {
    for (let s = 0; s < SUPERSAMPLE; s++) {
      const y = row + (s + 0.5) / SUPERSAMPLE;
      while (next < edges.length && (edges[next]?.top ?? Infinity) <= y) active.push(edges[next++] as Edge);
      active = active.filter((e) => e.bottom > y);
      xs.length = 0;
      for (const e of active) if (e.top <= y) xs.push({ x: e.xTop + (y - e.top) * e.slope - col0, dir: e.dir });
      xs.sort((p, q) => p.x - q.x);
      let winding = 0;
      const base = (row - row0) * w;
      for (let i = 0; i < xs.length - 1; i++) {
        winding += xs[i]?.dir ?? 0;
        if (winding !== 0) addSpan(cov, base, w, xs[i]?.x ?? 0, xs[i + 1]?.x ?? 0, weight);
      }
    }
  }
  for (let row = row0; row <= row1; row++) {
    for (let x = 0; x < w; x++) {
      const v = cov[(row - row0) * w + x] ?? 0;
      const idx = row * width + col0 + x;
      if (v > (target[idx] ?? 0)) target[idx] = Math.min(1, v);
    }
  }
}

/** Grey-scale dilation (maximum over a (2r+1)² square), done separably. */
function dilate(src: Float32Array, width: number, height: number, r: number): Float32Array {
  if (r <= 0) return src;
  const tmp = new Float32Array(src.length);
  const out = new Float32Array(src.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let m = 0;
      for (let k = Math.max(0, x - r); k <= Math.min(width - 1, x + r); k++) m = Math.max(m, src[y * width + k] ?? 0);
      tmp[y * width + x] = m;
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let m = 0;
      for (let k = Math.max(0, y - r); k <= Math.min(height - 1, y + r); k++) m = Math.max(m, tmp[k * width + x] ?? 0);
      out[y * width + x] = m;
    }
  }
  return out;
}

/** Add `weight` × the covered fraction of each pixel between xa and xb to one row. */
function addSpan(cov: Float32Array, base: number, w: number, xa: number, xb: number, weight: number): void {
  const a = Math.max(0, xa);
  const b = Math.min(w, xb);
  if (b <= a) return;
  const ia = Math.floor(a);
  const ib = Math.floor(b);
  if (ia === ib) {
    cov[base + ia] = (cov[base + ia] ?? 0) + (b - a) * weight;
    return;
  }
  cov[base + ia] = (cov[base + ia] ?? 0) + (ia + 1 - a) * weight;
  for (let i = ia + 1; i < ib; i++) cov[base + i] = (cov[base + i] ?? 0) + weight;
  if (ib < w) cov[base + ib] = (cov[base + ib] ?? 0) + (b - ib) * weight;
}
