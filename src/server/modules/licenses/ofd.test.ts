import { createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync, zipSync } from 'fflate';
import { JSDOM } from 'jsdom';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { installOfdJs, type OfdJsReader } from '../../../../test/support/ofdjs.ts';
import type { LicenseDocument, LicenseImages } from './document.ts';
import { extractOfdText, readOfdSignature, renderLicenseOfd, SM2_SM3_OID, SM3_OID, wrapText, type OfdSigner } from './ofd.ts';

// The GB/T 33190 schemas are copied verbatim into the repo (CI does not see /work/shared).
const XSD_DIR = fileURLToPath(new URL('../../../../test/standards/ofd-xsd/', import.meta.url));

const SCHEMA_OF: Record<string, string> = {
  'OFD.xml': 'OFD.xsd',
  'Doc_0/Document.xml': 'Document.xsd',
  'Doc_0/PublicRes.xml': 'Res.xsd',
  'Doc_0/DocumentRes.xml': 'Res.xsd',
  'Doc_0/Pages/Page_0/Content.xml': 'Page.xsd',
  'Doc_0/Signs/Signatures.xml': 'Signatures.xsd',
  'Doc_0/Signs/Sign_0/Signature.xml': 'Signature.xsd',
};
const CONTENT = 'Doc_0/Pages/Page_0/Content.xml';

function solidPng(size: number, rgba: [number, number, number, number]): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let i = 0; i < size * size; i++) png.data.set(rgba, i * 4);
  return PNG.sync.write(png);
}

const images: LicenseImages = { qrPng: solidPng(29, [0, 0, 0, 255]), sealPng: solidPng(64, [200, 20, 20, 160]) };

function license(over: Partial<LicenseDocument> = {}): LicenseDocument {
  return {
    title: '食品经营许可证',
    identifier: '1.2.156.3005.2.11350703MB1234567X.JY23507030000012.001',
    licenseNumber: 'JY23507030000012',
    holderName: '福州市鼓楼区某某食品有限公司',
    holderCode: '91350102MA2XXXXX1Q',
    holderCodeLabel: '统一社会信用代码',
    fields: [
      { label: '法定代表人（负责人）', value: '张三' },
      { label: '经营场所', value: '福建省福州市鼓楼区五四路123号' },
      { label: '主体业态', value: '食品销售经营者（网络经营）' },
    ],
    issuerName: '福州市鼓楼区市场监督管理局',
    issuedOn: '2024-05-01',
    validFrom: '2024-05-01',
    validUntil: '2029-04-30',
    verifyUrl: 'https://zwfw.example.gov.cn/verify/1.2.156.3005.2.11350703MB1234567X.JY23507030000012.001',
    ...over,
  };
}

const HMAC_KEY = Buffer.from('ofd-test-key');
/** Stands in for the real SM2 signer (elsewhere): an HMAC the test can recompute. */
const hmacSigner: OfdSigner = {
  async sign(data) {
    return { signedValue: createHmac('sha256', HMAC_KEY).update(data).digest(), signerName: '测试签名人', provider: 'Tongban', signatureMethod: SM2_SM3_OID };
  },
};
const signedAt = new Date('2024-05-01T02:03:04Z');

function parts(ofd: Buffer): Record<string, Uint8Array> {
  return unzipSync(new Uint8Array(ofd));
}

function rezip(files: Record<string, Uint8Array>): Buffer {
  return Buffer.from(zipSync(files));
}

function xmlDom(xml: Uint8Array | undefined): Document {
  const dom = new JSDOM('');
  const d = new dom.window.DOMParser().parseFromString(Buffer.from(xml ?? new Uint8Array()).toString('utf8'), 'application/xml');
  expect(d.getElementsByTagName('parsererror')).toHaveLength(0);
  return d;
}

const OFD_NS = 'http://www.ofdspec.org/2016';

// ---------------------------------------------------------------------------------------------

function hasXmllint(): boolean {
  try {
    execFileSync('xmllint', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}
const xmllint = hasXmllint();

function validate(xsdPath: string, xml: Uint8Array, dir: string, name: string): { ok: boolean; out: string } {
  const file = join(dir, name.replace(/\//g, '_'));
  writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--schema', xsdPath, file], { stdio: 'pipe' });
    return { ok: true, out: '' };
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    return { ok: false, out: err.stderr?.toString('utf8') ?? err.message };
  }
}

describe('OFD parts validate against the GB/T 33190 schemas', () => {
  let dir = '';
  let sm3Schema = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ofd-xsd-'));
    // Signature.xsd only allows CheckMethod MD5/SHA1; the SM3 OID GB/T 38540 prescribes needs a
    // derived copy whose single change is that enumeration value.
    const derived = join(dir, 'sm3');
    mkdirSync(derived);
    for (const f of ['Definitions.xsd', 'Page.xsd']) copyFileSync(join(XSD_DIR, f), join(derived, f));
    const original = readFileSync(join(XSD_DIR, 'Signature.xsd'), 'utf8');
    const anchor = '<xs:enumeration value="SHA1" />';
    expect(original.split(anchor)).toHaveLength(2);
    sm3Schema = join(derived, 'Signature.xsd');
    writeFileSync(sm3Schema, original.replace(anchor, `${anchor}<xs:enumeration value="${SM3_OID}" />`));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  if (!xmllint && process.env.CI) {
    it('needs xmllint', () => {
      throw new Error('xmllint is not installed: CI must install libxml2-utils to validate OFD parts against the XSDs');
    });
  }

  const cases: [string, () => Promise<Buffer>][] = [
    ['unsigned', () => renderLicenseOfd(license({ holderName: 'A&B <公司> "引号" \'单引\'' }), images)],
    ['signed (Sign)', () => renderLicenseOfd(license(), images, { signer: hmacSigner, signedAt })],
    ['signed (Seal, with StampAnnot)', () => renderLicenseOfd(license(), images, { signer: { ...hmacSigner, type: 'Seal' }, signedAt })],
  ];
  for (const [name, make] of cases) {
    it.skipIf(!xmllint)(`every XML part of the ${name} package is schema-valid`, async () => {
      const files = parts(await make());
      const xmlParts = Object.keys(files).filter((p) => p.endsWith('.xml'));
      // A new XML part without a schema mapping must fail here rather than go unchecked.
      expect(xmlParts.filter((p) => !SCHEMA_OF[p])).toEqual([]);
      for (const p of xmlParts) {
        const data = files[p] ?? new Uint8Array();
        const xsd = SCHEMA_OF[p] ?? '';
        const verbatim = validate(join(XSD_DIR, xsd), data, dir, `${name}-${p}`);
        if (xsd === 'Signature.xsd') {
          const errors = verbatim.out.split('\n').filter((l) => /error/i.test(l));
          expect(verbatim.ok).toBe(false);
          expect(errors.length).toBeGreaterThan(0);
          for (const line of errors) expect(line).toMatch(/attribute 'CheckMethod'.*'1\.2\.156\.10197\.1\.401' is not an element of the set \{'MD5', 'SHA1'\}/);
          const sm3 = validate(sm3Schema, data, dir, `${name}-${p}`);
          expect(sm3, sm3.out).toEqual({ ok: true, out: '' });
        } else {
          expect(verbatim, `${p}: ${verbatim.out}`).toEqual({ ok: true, out: '' });
        }
      }
      expect(xmlParts.length).toBe(name === 'unsigned' ? 5 : 7);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Independent reader: ofd.js 0.2.6 (a browser library, run here on jsdom@26 globals). It worked, so
// the jszip + DOMParser fallback was not needed.

describe('an independent reader (ofd.js) opens the package', () => {
  const g = globalThis as unknown as Record<string, unknown>;
  let reader: OfdJsReader;
  beforeAll(() => {
    reader = installOfdJs();
  });
  afterAll(() => reader.restore());
  const open = (ofd: Buffer) => reader.open(ofd);
  const render = (doc: Parameters<OfdJsReader['render']>[0]) => reader.render(doc);

  it('resolves DocRoot, resources and page, and renders the text, frame and both images', async () => {
    const doc = license({ holderName: '张<&>"三\'' });
    const parsed = await open(await renderLicenseOfd(doc, images));
    expect(parsed.pages).toHaveLength(1);
    expect(Object.values(parsed.fontResObj).sort()).toEqual(['宋体', '黑体']);
    // MediaFile + BaseLoc resolved to our PNG bytes.
    const media = Object.values(parsed.multiMediaResObj).map((m) => m.img);
    expect(media).toEqual([
      { img: `data:image/png;base64,${images.sealPng.toString('base64')}`, width: 64, height: 64 },
      { img: `data:image/png;base64,${images.qrPng.toString('base64')}`, width: 29, height: 29 },
    ]);

    const page = render(parsed);
    // ofd.js places every character on its own; joined they must read as our lines.
    const rendered = Array.from(page.querySelectorAll('text'), (t) => t.textContent ?? '').join('');
    for (const s of [doc.title, doc.holderName, doc.identifier, doc.issuerName, '扫码核验', '2024年5月1日至2029年4月30日']) expect(rendered).toContain(s);
    expect(page.querySelectorAll('image')).toHaveLength(2);
    expect(page.querySelectorAll('path')).toHaveLength(2);
  });

  it('checks our SM3 CheckValues itself and sees tampering', async () => {
    const signed = await renderLicenseOfd(license(), images, { signer: hmacSigner, signedAt });
    const pending = () => (g.toBeChecked as Map<string, unknown[]> | undefined)?.get('s001') ?? [];
    await open(signed);
    // ofd.js fills its digest list asynchronously after reporting success.
    await vi.waitFor(() => expect(pending()).toHaveLength(7));
    expect(reader.ofdjs.digestCheck(pending())).toBe(true);

    const files = parts(signed);
    const content = Buffer.from(files[CONTENT] ?? new Uint8Array());
    files[CONTENT] = new Uint8Array(Buffer.from(content.toString('utf8').replace('张三', '李四'), 'utf8'));
    await open(rezip(files));
    await vi.waitFor(() => expect(pending()).toHaveLength(7));
    expect(reader.ofdjs.digestCheck(pending())).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------

describe('renderLicenseOfd', () => {
  it('is deterministic: same input, same bytes, in any time zone, signed or not', async () => {
    const a = await renderLicenseOfd(license(), images);
    const tz = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      const b = await renderLicenseOfd(license(), images);
      process.env.TZ = 'Asia/Shanghai';
      const c = await renderLicenseOfd(license(), images);
      expect(b.equals(a)).toBe(true);
      expect(c.equals(a)).toBe(true);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
    const s1 = await renderLicenseOfd(license(), images, { signer: hmacSigner, signedAt });
    const s2 = await renderLicenseOfd(license(), images, { signer: hmacSigner, signedAt });
    expect(s1.equals(s2)).toBe(true);
    // ...and the input matters.
    const other = await renderLicenseOfd(license({ licenseNumber: 'JY23507030000013' }), images);
    expect(other.equals(a)).toBe(false);
    expect(Object.keys(parts(a))).toEqual([
      'OFD.xml',
      'Doc_0/Document.xml',
      'Doc_0/PublicRes.xml',
      'Doc_0/DocumentRes.xml',
      CONTENT,
      'Doc_0/Res/seal.png',
      'Doc_0/Res/qr.png',
    ]);
  });

  it('writes DocInfo, the document entry, fonts and colour space as declared', async () => {
    const files = parts(await renderLicenseOfd(license(), images, { docId: 'ABCDEF0123456789abcdef0123456789', creationDate: '2024-06-02' }));
    const ofd = xmlDom(files['OFD.xml']);
    const root = ofd.documentElement;
    expect([root.namespaceURI, root.localName, root.getAttribute('Version'), root.getAttribute('DocType')]).toEqual([OFD_NS, 'OFD', '1.0', 'OFD']);
    const info = (n: string) => ofd.getElementsByTagNameNS(OFD_NS, n)[0]?.textContent;
    expect([info('DocID'), info('Title'), info('Author'), info('CreationDate'), info('Creator'), info('DocRoot')]).toEqual([
      'ABCDEF0123456789abcdef0123456789',
      '食品经营许可证',
      '福州市鼓楼区市场监督管理局',
      '2024-06-02',
      'Tongban',
      'Doc_0/Document.xml',
    ]);
    expect(ofd.getElementsByTagNameNS(OFD_NS, 'Signatures')).toHaveLength(0);
    const res = xmlDom(files['Doc_0/PublicRes.xml']);
    const fonts = Array.from(res.getElementsByTagNameNS(OFD_NS, 'Font'), (f) => [f.getAttribute('FontName'), f.getAttribute('FamilyName')]);
    expect(fonts).toEqual([
      ['SimSun', '宋体'],
      ['SimHei', '黑体'],
    ]);
    expect(res.getElementsByTagNameNS(OFD_NS, 'ColorSpace')[0]?.getAttribute('Type')).toBe('RGB');
    const media = xmlDom(files['Doc_0/DocumentRes.xml']);
    expect(media.documentElement.getAttribute('BaseLoc')).toBe('Res');
    expect(Array.from(media.getElementsByTagNameNS(OFD_NS, 'MediaFile'), (m) => m.textContent)).toEqual(['seal.png', 'qr.png']);
    expect(Buffer.from(files['Doc_0/Res/seal.png'] ?? []).equals(images.sealPng)).toBe(true);
    expect(Buffer.from(files['Doc_0/Res/qr.png'] ?? []).equals(images.qrPng)).toBe(true);
    await expect(renderLicenseOfd(license(), images, { docId: 'not-hex' })).rejects.toThrow(/DocID/);
    await expect(renderLicenseOfd(license(), images, { creationDate: '2024-02-30' })).rejects.toThrow(/CreationDate/);
    await expect(renderLicenseOfd(license(), { ...images, sealPng: Buffer.from('GIF89a') })).rejects.toThrow(/not a PNG/);
  });

  it('gives every object a unique ID and sets MaxUnitID to the highest one', async () => {
    const files = parts(await renderLicenseOfd(license(), images));
    const ids: number[] = [];
    for (const p of ['Doc_0/Document.xml', 'Doc_0/PublicRes.xml', 'Doc_0/DocumentRes.xml', CONTENT]) {
      for (const e of Array.from(xmlDom(files[p]).getElementsByTagName('*'))) {
        const id = e.getAttribute('ID');
        if (id !== null) ids.push(Number(id));
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
    const max = xmlDom(files['Doc_0/Document.xml']).getElementsByTagNameNS(OFD_NS, 'MaxUnitID')[0]?.textContent;
    expect(Number(max)).toBe(Math.max(...ids));
    // References point at declared resources.
    const content = xmlDom(files[CONTENT]);
    const declared = new Set(ids.map(String));
    for (const e of Array.from(content.getElementsByTagNameNS(OFD_NS, 'TextObject'))) expect(declared.has(e.getAttribute('Font') ?? '')).toBe(true);
    const imageObjects = Array.from(content.getElementsByTagNameNS(OFD_NS, 'ImageObject'));
    expect(imageObjects).toHaveLength(2);
    for (const e of imageObjects) expect(declared.has(e.getAttribute('ResourceID') ?? '')).toBe(true);
    expect(content.getElementsByTagNameNS(OFD_NS, 'PathObject').length).toBeGreaterThan(0);
  });

  it('escapes XML special characters in every text and drops characters XML cannot carry', async () => {
    const nasty = '<&>"\'';
    const doc = license({ title: `证${nasty}`, holderName: `持证${nasty}人`, issuerName: `机关${nasty}`, fields: [{ label: `标签${nasty}`, value: `值${nasty}\u0001` }] });
    const ofd = await renderLicenseOfd(doc, images);
    const files = parts(ofd);
    const content = Buffer.from(files[CONTENT] ?? []).toString('utf8');
    expect(content).toContain('持证&lt;&amp;&gt;&quot;&apos;人');
    expect(content).not.toContain('\u0001');
    const text = extractOfdText(ofd);
    expect(text).toContain(`持证${nasty}人`);
    expect(text).toContain(`值${nasty}\uFFFD`);
    const dom = xmlDom(files[CONTENT]);
    expect(Array.from(dom.getElementsByTagNameNS(OFD_NS, 'TextCode'), (t) => t.textContent)).toEqual(text);
    expect(xmlDom(files['OFD.xml']).getElementsByTagNameNS(OFD_NS, 'Title')[0]?.textContent).toBe(`证${nasty}`);
    expect(xmlDom(files['OFD.xml']).getElementsByTagNameNS(OFD_NS, 'Author')[0]?.textContent).toBe(`机关${nasty}`);
  });

  it('wraps a long value over several TextObjects, one TextCode per line with per-character DeltaX', async () => {
    const long = '福建省福州市鼓楼区五四路一百二十三号某某大厦A座十五层一五零一室及其附属仓储场所与配送中心，经营面积共计三百五十平方米，另设冷库两间';
    const files = parts(await renderLicenseOfd(license({ fields: [{ label: '经营场所', value: long }] }), images));
    const content = xmlDom(files[CONTENT]);
    const objects = Array.from(content.getElementsByTagNameNS(OFD_NS, 'TextObject'));
    // Each row is its label's lines, then its value's lines.
    const start = objects.findIndex((o) => o.textContent === '经营场所：') + 1;
    const end = objects.findIndex((o) => o.textContent === '有效期限：');
    expect(start).toBeGreaterThan(0);
    const lines = objects.slice(start, end);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.map((o) => o.textContent).join('')).toBe(long);
    const boxes = lines.map((o) => (o.getAttribute('Boundary') ?? '').split(' ').map(Number));
    // Same column, strictly going down the page, inside the frame.
    expect(new Set(boxes.map((b) => b[0])).size).toBe(1);
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]?.[1] ?? 0).toBeGreaterThan(boxes[i - 1]?.[1] ?? 0);
    for (const b of boxes) expect((b[0] ?? 0) + (b[2] ?? 0)).toBeLessThan(200);
    for (const o of lines) {
      const codes = o.getElementsByTagNameNS(OFD_NS, 'TextCode');
      expect(codes).toHaveLength(1);
      const chars = Array.from(codes[0]?.textContent ?? '');
      expect((codes[0]?.getAttribute('DeltaX') ?? '').split(' ')).toHaveLength(chars.length - 1);
    }
  });

  it('wraps CJK per character, keeps Latin words whole, hangs closing punctuation and keeps hard breaks', () => {
    // Size 1: a CJK character is 1 wide, a Latin one 0.5.
    expect(wrapText('一二三四五六七', 3, 1)).toEqual(['一二三', '四五六', '七']);
    expect(wrapText('一二三，四五', 3, 1)).toEqual(['一二三，', '四五']);
    expect(wrapText('一二（三四', 3, 1)).toEqual(['一二', '（三四']);
    expect(wrapText('ab cdef gh', 2.5, 1)).toEqual(['ab', 'cdef', 'gh']);
    expect(wrapText('abcdefghij', 2, 1)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('一\n\n二', 5, 1)).toEqual(['一', '', '二']);
  });

  it('shrinks the body text to fit, and refuses what cannot fit on one page', async () => {
    const sizeOf = async (fields: LicenseDocument['fields'], label: string) => {
      const content = xmlDom(parts(await renderLicenseOfd(license({ fields }), images))[CONTENT]);
      const row = Array.from(content.getElementsByTagNameNS(OFD_NS, 'TextObject')).find((o) => o.textContent === label);
      return Number(row?.getAttribute('Size'));
    };
    expect(await sizeOf([{ label: '项目', value: '内容' }], '项目：')).toBe(4.5);
    const many = Array.from({ length: 16 }, (_, i) => ({ label: `项目${i + 1}`, value: `内容${i + 1}` }));
    const shrunk = await sizeOf(many, '项目16：');
    expect(shrunk).toBeLessThan(4.5);
    expect(shrunk).toBeGreaterThanOrEqual(3);
    const tooMany = Array.from({ length: 60 }, (_, i) => ({ label: `项目${i + 1}`, value: `内容${i + 1}` }));
    await expect(renderLicenseOfd(license({ fields: tooMany }), images)).rejects.toThrow(/does not fit/);
  });

  it('extracts the page text in reading order', async () => {
    const doc = license({ validUntil: null });
    const text = extractOfdText(await renderLicenseOfd(doc, images));
    expect(text[0]).toBe(doc.title);
    expect(text).toContain(`编号：${doc.licenseNumber}`);
    expect(text.indexOf('持证主体：')).toBeLessThan(text.indexOf(doc.holderName));
    expect(text).toContain('2024年5月1日至长期');
    // The URL is printed in small text, wrapped over consecutive lines.
    const first = text.findIndex((t) => t.length > 0 && doc.verifyUrl.startsWith(t));
    expect(first).toBeGreaterThan(0);
    let url = '';
    for (let i = first; url.length < doc.verifyUrl.length && i < text.length; i++) url += text[i];
    expect(url).toBe(doc.verifyUrl);
    expect(text.at(-1)).toBe(`证照标识：${doc.identifier}`);
  });
});

describe('OFD signature (GB/T 33190 §18)', () => {
  it('references every file outside Signs/ with its SM3 and signs the exact Signature.xml', async () => {
    let signedInput: Buffer | undefined;
    const signer: OfdSigner = {
      async sign(data) {
        signedInput = data;
        return hmacSigner.sign(data);
      },
    };
    const ofd = await renderLicenseOfd(license(), images, { signer, signedAt });
    const files = parts(ofd);
    const sig = readOfdSignature(ofd);
    expect(sig.digestsMatch).toBe(true);
    expect(sig.mismatched).toEqual([]);
    expect(sig.unreferenced).toEqual([]);
    const unsignedFiles = Object.keys(files).filter((p) => !p.startsWith('Doc_0/Signs/'));
    expect(sig.references.map((r) => r.fileRef).sort()).toEqual(unsignedFiles.map((p) => `/${p}`).sort());
    expect(sig.checkMethod).toBe(SM3_OID);
    expect(sig.signatureMethod).toBe(SM2_SM3_OID);
    expect(sig.provider).toBe('Tongban');
    expect(sig.signatureDateTime).toBe('20240501020304Z');
    expect(sig.type).toBe('Sign');
    expect(sig.signatureXml.equals(Buffer.from(files['Doc_0/Signs/Sign_0/Signature.xml'] ?? []))).toBe(true);
    expect(signedInput?.equals(sig.signatureXml)).toBe(true);
    expect(sig.signedValue.equals(createHmac('sha256', HMAC_KEY).update(sig.signatureXml).digest())).toBe(true);

    const ofdXml = xmlDom(files['OFD.xml']);
    expect(ofdXml.getElementsByTagNameNS(OFD_NS, 'Signatures')[0]?.textContent).toBe('Doc_0/Signs/Signatures.xml');
    const sigs = xmlDom(files['Doc_0/Signs/Signatures.xml']);
    expect(sigs.getElementsByTagNameNS(OFD_NS, 'MaxSignId')[0]?.textContent).toBe('s001');
    const entry = sigs.getElementsByTagNameNS(OFD_NS, 'Signature')[0];
    expect([entry?.getAttribute('ID'), entry?.getAttribute('Type'), entry?.getAttribute('BaseLoc')]).toEqual(['s001', 'Sign', '/Doc_0/Signs/Sign_0/Signature.xml']);
    expect(xmlDom(files['Doc_0/Signs/Sign_0/Signature.xml']).getElementsByTagNameNS(OFD_NS, 'SignedValue')[0]?.textContent).toBe('/Doc_0/Signs/Sign_0/SignedValue.dat');
  });

  it('names the file whose bytes changed after signing', async () => {
    const files = parts(await renderLicenseOfd(license(), images, { signer: hmacSigner, signedAt }));
    const content = files[CONTENT] ?? new Uint8Array();
    const at = Buffer.from(content).indexOf('JY23507030000012');
    expect(at).toBeGreaterThan(0);
    content[at] = (content[at] ?? 0) ^ 0x01; // 'J' -> 'K', still valid UTF-8
    const tampered = readOfdSignature(rezip(files));
    expect(tampered.digestsMatch).toBe(false);
    expect(tampered.mismatched).toEqual([`/${CONTENT}`]);
  });

  it('notices a file slipped into the package and a referenced file taken out', async () => {
    const files = parts(await renderLicenseOfd(license(), images, { signer: hmacSigner, signedAt }));
    const added = readOfdSignature(rezip({ ...files, 'Doc_0/Res/extra.png': images.qrPng }));
    expect(added.digestsMatch).toBe(false);
    expect(added.unreferenced).toEqual(['/Doc_0/Res/extra.png']);
    const { ['Doc_0/Res/qr.png']: _gone, ...rest } = files;
    const removed = readOfdSignature(rezip(rest));
    expect(removed.digestsMatch).toBe(false);
    expect(removed.mismatched).toEqual(['/Doc_0/Res/qr.png']);
  });

  it('adds a StampAnnot over the seal for Type="Seal"', async () => {
    const ofd = await renderLicenseOfd(license(), images, { signer: { ...hmacSigner, type: 'Seal' }, signedAt });
    const files = parts(ofd);
    expect(readOfdSignature(ofd)).toMatchObject({ type: 'Seal', digestsMatch: true });
    const stamp = xmlDom(files['Doc_0/Signs/Sign_0/Signature.xml']).getElementsByTagNameNS(OFD_NS, 'StampAnnot')[0];
    const pageId = xmlDom(files['Doc_0/Document.xml']).getElementsByTagNameNS(OFD_NS, 'Page')[0]?.getAttribute('ID');
    expect(stamp?.getAttribute('PageRef')).toBe(pageId);
    const seal = Array.from(xmlDom(files[CONTENT]).getElementsByTagNameNS(OFD_NS, 'ImageObject')).find((i) => i.getAttribute('Boundary') === stamp?.getAttribute('Boundary'));
    expect(seal).toBeDefined();
  });

  it('rejects a signer whose result contradicts the Provider/SignatureMethod already written', async () => {
    const liar: OfdSigner = { async sign(data) { return { ...(await hmacSigner.sign(data)), signatureMethod: '1.2.840.10045.4.3.2' }; } };
    await expect(renderLicenseOfd(license(), images, { signer: liar })).rejects.toThrow(/declare them on the signer/);
    const declared: OfdSigner = { ...liar, signatureMethod: '1.2.840.10045.4.3.2' };
    expect(readOfdSignature(await renderLicenseOfd(license(), images, { signer: declared })).signatureMethod).toBe('1.2.840.10045.4.3.2');
  });

  it('refuses to read an unsigned package as signed', async () => {
    const unsigned = await renderLicenseOfd(license(), images);
    expect(() => readOfdSignature(unsigned)).toThrow(/not signed/);
  });
});
