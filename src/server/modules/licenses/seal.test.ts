import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { layoutSealArc, sealPng } from './seal.ts';

const ISSUER = '南平市建阳区市场监督管理局';

function pixel(png: PNG, x: number, y: number): { r: number; g: number; b: number; a: number } {
  const i = (png.width * Math.round(y) + Math.round(x)) * 4;
  return { r: png.data[i] ?? 0, g: png.data[i + 1] ?? 0, b: png.data[i + 2] ?? 0, a: png.data[i + 3] ?? 0 };
}

const isRed = (p: { r: number; g: number; b: number; a: number }) => p.a > 180 && p.r > 150 && p.g < 90 && p.b < 90;

describe('sealPng', () => {
  it('draws a red ring and star on a transparent square', async () => {
    const png = PNG.sync.read(await sealPng(ISSUER, { sizePx: 400 }));
    expect([png.width, png.height]).toEqual([400, 400]);
    for (const [x, y] of [[0, 0], [399, 0], [0, 399], [399, 399], [30, 30]] as const) expect(pixel(png, x, y).a).toBe(0);
    // Middle of the rim (outer radius 0.485, width 0.04 of the size) at 3, 6 and 9 o'clock.
    const rim = 0.465 * 400;
    for (const [dx, dy] of [[1, 0], [0, 1], [-1, 0]] as const) expect(isRed(pixel(png, 200 + dx * rim, 200 + dy * rim))).toBe(true);
    expect(isRed(pixel(png, 200, 200))).toBe(true);
    // Just inside and outside the rim is empty paper.
    expect(pixel(png, 200 + 0.5 * 400, 200).a).toBe(0);
    expect(pixel(png, 200, 200 + 0.43 * 400).a).toBe(0);
  });

  it('lays the issuer name as glyph ink along the upper arc', async () => {
    const withName = PNG.sync.read(await sealPng(ISSUER, { sizePx: 400, caption: null }));
    const blank = PNG.sync.read(await sealPng('', { sizePx: 400, caption: null }));
    const inkInArc = (png: PNG) => {
      let n = 0;
      for (let y = 0; y < 200; y++) {
        for (let x = 0; x < 400; x++) {
          const r = Math.hypot(x - 200, y - 200);
          if (r > 0.2 * 400 && r < 0.43 * 400 && pixel(png, x, y).a > 128) n++;
        }
      }
      return n;
    };
    expect(inkInArc(blank)).toBe(0);
    expect(inkInArc(withName)).toBeGreaterThan(3000);
  });

  it('is deterministic', async () => {
    const a = await sealPng(ISSUER, { sizePx: 256 });
    expect(a.equals(await sealPng(ISSUER, { sizePx: 256 }))).toBe(true);
  });

  it('fits a 20-character name: character boxes neither overlap nor cross the rim', async () => {
    const name = '中华人民共和国福建省南平市建阳区人民政府';
    expect(Array.from(name)).toHaveLength(20);
    const size = 480;
    const arc = layoutSealArc(name, size);
    expect(arc.glyphs).toHaveLength(20);
    for (const g of arc.glyphs) {
      // Angular width of the box at its inner edge, the narrowest part of the arc, must stay below the pitch.
      expect(2 * Math.atan(g.width / 2 / g.innerRadius)).toBeLessThan(arc.step);
      expect(Math.hypot(g.width / 2, g.outerRadius)).toBeLessThan(arc.ringInnerRadius);
      expect(g.width / g.height).toBeGreaterThanOrEqual(0.55 - 1e-9);
    }
    for (let i = 1; i < arc.glyphs.length; i++) {
      expect((arc.glyphs[i]?.angle ?? 0) - (arc.glyphs[i - 1]?.angle ?? 0)).toBeCloseTo(arc.step, 9);
    }
    // The bottom of the seal stays open for the star and caption.
    const first = arc.glyphs[0];
    const last = arc.glyphs.at(-1);
    expect((last?.angle ?? 0) - (first?.angle ?? 0) + arc.step).toBeLessThanOrEqual((270 * Math.PI) / 180);
    const png = PNG.sync.read(await sealPng(name, { sizePx: size }));
    expect(png.width).toBe(size);
  });

  it('spreads a short name wider than its characters need', () => {
    const arc = layoutSealArc('建阳区人民政府', 400);
    const spanDeg = ((arc.step * arc.glyphs.length) / Math.PI) * 180;
    expect(spanDeg).toBeGreaterThanOrEqual(150);
  });
});
