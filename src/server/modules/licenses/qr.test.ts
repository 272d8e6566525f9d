import { describe, expect, it } from 'vitest';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { qrPng } from './qr.ts';

describe('qrPng', () => {
  it('encodes the text so that an independent decoder reads it back', async () => {
    const url = 'https://tongban.example.gov.cn/verify/1.2.156.3005.2.11100000000013338W.11350703MB0K1234X7.JY23507030000012.001.Y';
    const png = PNG.sync.read(await qrPng(url, 320));
    expect(png.width).toBe(320);
    expect(png.height).toBe(320);
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(url);
  });

  it('is deterministic and honours the requested size', async () => {
    const a = await qrPng('扫码核验 ABC', 200);
    expect(a.equals(await qrPng('扫码核验 ABC', 200))).toBe(true);
    expect(PNG.sync.read(a).width).toBe(200);
  });
});
