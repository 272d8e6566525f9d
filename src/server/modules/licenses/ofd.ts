import { createHash } from 'node:crypto';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import type { LicenseDocument, LicenseImages } from './document.ts';

/**
 * OFD (GB/T 33190-2016) writer for the printable face of an electronic license: one A4 page,
 * deterministic bytes, optional signature parts per §18. The XML is written by hand because the
 * structure is small and fixed; every part is checked against the standard's XSDs in the tests.
 */

const OFD_NS = 'http://www.ofdspec.org/2016';
/** SM3 digest (GB/T 32905), the CheckMethod GB/T 38540 prescribes for OFD references. */
export const SM3_OID = '1.2.156.10197.1.401';
/** SM2 signature with SM3 (GM/T 0006), the default SignatureMethod. */
export const SM2_SM3_OID = '1.2.156.10197.1.501';

const DOC_DIR = 'Doc_0';
const SIGNATURES_PATH = `${DOC_DIR}/Signs/Signatures.xml`;
const SIGNATURE_PATH = `${DOC_DIR}/Signs/Sign_0/Signature.xml`;
const SIGNED_VALUE_PATH = `${DOC_DIR}/Signs/Sign_0/SignedValue.dat`;
// xs:ID in Signatures.xsd must be an NCName, so not a bare number; §18.1 recommends "sNNN".
const SIGN_ID = 's001';
const STAMP_ANNOT_ID = 'sa001';

/** What a signer returns for the bytes of Signature.xml. */
export interface OfdSignResult {
  signedValue: Buffer;
  /** Not written to the package: Signature.xsd has no place for it and it comes after signing. */
  signerName: string;
  provider: string;
  /** OID of the signature algorithm, normally 1.2.156.10197.1.501 (SM2 with SM3). */
  signatureMethod: string;
}

/**
 * Signs Signature.xml. Provider and SignatureMethod are themselves part of the signed
 * Signature.xml, so the writer must know them before calling sign(): a signer whose values differ
 * from the defaults (Tongban, SM2 OID) declares them here, and the writer rejects a result that
 * contradicts what it wrote.
 */
export interface OfdSigner {
  sign(data: Buffer): Promise<OfdSignResult>;
  readonly provider?: string;
  readonly signatureMethod?: string;
  /** "Sign" (plain digital signature, default) or "Seal" (electronic seal, adds a StampAnnot). */
  readonly type?: 'Seal' | 'Sign';
}

export interface RenderOfdOptions {
  signer?: OfdSigner;
  /** 32 hex chars; defaults to a digest of the document so the same input gives the same bytes. */
  docId?: string;
  /** YYYY-MM-DD; defaults to the issue date (again for deterministic output). */
  creationDate?: string;
  /** Signing time written to SignatureDateTime; defaults to now, pass it for reproducible bytes. */
  signedAt?: Date;
}

export interface OfdSignatureInfo {
  signatureXml: Buffer;
  signedValue: Buffer;
  references: { fileRef: string; checkValue: string }[];
  /** True only if every reference matches and no unsigned file was slipped into the package. */
  digestsMatch: boolean;
  /** FileRefs whose content is missing or whose SM3 differs. */
  mismatched: string[];
  /** Package files (outside Signs/) that no reference covers, as "/path". */
  unreferenced: string[];
  type: 'Seal' | 'Sign';
  provider: string | null;
  signatureMethod: string | null;
  signatureDateTime: string | null;
  checkMethod: string;
}

// ---------------------------------------------------------------------------------------------
// XML helpers

// XML 1.0 cannot carry C0 controls or lone surrogates at all, not even escaped.
function xmlChars(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    const ok = cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || cp >= 0x10000;
    out += ok ? ch : '\uFFFD';
  }
  return out;
}

function esc(s: string): string {
  return xmlChars(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function xmlDoc(root: string, body: string, attrs = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ofd:${root} xmlns:ofd="${OFD_NS}"${attrs}>\n${body}\n</ofd:${root}>\n`;
}

function el(name: string, text: string): string {
  return `<ofd:${name}>${esc(text)}</ofd:${name}>`;
}

/** Millimetres with at most 3 decimals, never "-0" or exponent notation. */
function fmt(n: number): string {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}

// ---------------------------------------------------------------------------------------------
// Text measurement and wrapping (no font metrics: SimSun is full-width CJK, half-width Latin)

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

function advance(ch: string, size: number): number {
  return isWide(ch.codePointAt(0) ?? 0) ? size : size / 2;
}

function textWidth(text: string, size: number, tracking = 0): number {
  const chars = Array.from(text);
  return chars.reduce((w, ch) => w + advance(ch, size), 0) + tracking * Math.max(0, chars.length - 1);
}

// Chinese typesetting (禁则): these never start a line, they hang past the margin instead.
const NO_LINE_START = new Set(Array.from('，。、；：？！）》」』】〕〉”’…—,.;:?!)]}%'));
const NO_LINE_END = new Set(Array.from('（《「『【〔〈“‘([{'));

/** Split text into lines no wider than width; explicit newlines are kept as breaks. */
export function wrapText(text: string, width: number, size: number): string[] {
  const out: string[] = [];
  for (const para of text.replace(/\t/g, ' ').split(/\r\n|\r|\n/)) {
    // Latin words and numbers stay together when they fit on a line; everything else breaks per char.
    const tokens = para.match(/[\x21-\x7e]+| +|[^\x21-\x7e ]/gu) ?? [];
    let line = '';
    const flush = () => {
      let carry = '';
      const chars = Array.from(line.replace(/ +$/, ''));
      while (chars.length > 1 && NO_LINE_END.has(chars[chars.length - 1] ?? '')) carry = (chars.pop() ?? '') + carry;
      out.push(chars.join(''));
      line = carry;
    };
    for (const token of tokens) {
      if (line === '' && token.trim() === '') continue;
      if (textWidth(line + token, size) <= width + 1e-9) {
        line += token;
        continue;
      }
      if (NO_LINE_START.has(token) && line !== '') {
        line += token;
        continue;
      }
      if (line !== '' && textWidth(token, size) <= width) {
        flush();
        if (token.trim() !== '') line += token;
        continue;
      }
      for (const ch of Array.from(token)) {
        if (line !== '' && textWidth(line + ch, size) > width + 1e-9 && !NO_LINE_START.has(ch)) flush();
        if (line === '' && ch === ' ') continue;
        line += ch;
      }
    }
    if (line !== '' || out.length === 0 || para === '') flush();
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Page model

type Rgb = readonly [number, number, number];
const BLACK: Rgb = [0, 0, 0];
const SEAL_RED: Rgb = [178, 34, 34];
const GREY: Rgb = [80, 80, 80];

interface TextLine {
  kind: 'text';
  text: string;
  x: number;
  /** Top of the line box; the baseline is one font size below it. */
  y: number;
  size: number;
  font: 'body' | 'title';
  color?: Rgb;
  weight?: 400 | 700;
  tracking?: number;
}
interface ImageItem {
  kind: 'image';
  res: 'seal' | 'qr';
  x: number;
  y: number;
  w: number;
  h: number;
}
interface RectItem {
  kind: 'rect';
  x: number;
  y: number;
  w: number;
  h: number;
  lineWidth: number;
  color: Rgb;
}
type Item = TextLine | ImageItem | RectItem;

const PAGE_W = 210;
const PAGE_H = 297;
const LABEL_X = 28;
const LABEL_MAX_W = 58;
const RIGHT_X = 184;
const ROWS_TOP = 62;
const ROWS_BOTTOM = 210;
const ISSUER_CX = 148;
const SEAL_SIZE = 40;
const QR_X = 26;
const QR_Y = 216;
const QR_SIZE = 32;

function align(text: string, size: number, x: number, how: 'left' | 'center' | 'right', tracking = 0): number {
  const w = textWidth(text, size, tracking);
  return how === 'left' ? x : how === 'center' ? x - w / 2 : x - w;
}

function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

function labelOf(label: string): string {
  return /[:：]\s*$/.test(label) ? label.trim() : `${label.trim()}：`;
}

function pngSize(png: Buffer, what: string): { w: number; h: number } {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (png.length < 24 || !png.subarray(0, 8).equals(sig) || png.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error(`${what} image is not a PNG`);
  }
  return { w: png.readUInt32BE(16), h: png.readUInt32BE(20) };
}

/** Fit the image into the box keeping its aspect ratio, centred. */
function fitImage(res: 'seal' | 'qr', png: Buffer, x: number, y: number, w: number, h: number): ImageItem {
  const px = pngSize(png, res);
  const scale = Math.min(w / px.w, h / px.h);
  const iw = px.w * scale;
  const ih = px.h * scale;
  return { kind: 'image', res, x: x + (w - iw) / 2, y: y + (h - ih) / 2, w: iw, h: ih };
}

interface Row {
  label: string;
  value: string;
  weight?: 700;
}

function layoutRows(rows: Row[]): TextLine[] {
  // Shrink the body text until everything fits above the seal/QR area rather than clip it.
  for (let size = 4.5; size >= 3 - 1e-9; size -= 0.25) {
    const lh = size * 1.65;
    const gap = size * 0.6;
    const lines: TextLine[] = [];
    // The label column is as wide as the longest label (up to a limit), so labels rarely wrap.
    const labelW = Math.min(LABEL_MAX_W, Math.max(...rows.map((r) => textWidth(labelOf(r.label), size))));
    const valueX = LABEL_X + labelW + size * 0.5;
    let y = ROWS_TOP;
    for (const row of rows) {
      const labelLines = wrapText(labelOf(row.label), labelW, size);
      const valueLines = wrapText(row.value, RIGHT_X - valueX, size);
      labelLines.forEach((text, i) => lines.push({ kind: 'text', text, x: LABEL_X, y: y + i * lh, size, font: 'body' }));
      valueLines.forEach((text, i) =>
        lines.push({ kind: 'text', text, x: valueX, y: y + i * lh, size, font: 'body', ...(row.weight ? { weight: row.weight } : {}) }),
      );
      y += Math.max(labelLines.length, valueLines.length) * lh + gap;
    }
    if (y - gap <= ROWS_BOTTOM) return lines;
  }
  throw new Error('license content does not fit on one A4 page');
}

function layout(doc: LicenseDocument, images: LicenseImages): Item[] {
  const items: Item[] = [
    // Double frame: a strong outer rule and a hairline inside it, the usual certificate border.
    { kind: 'rect', x: 8, y: 8, w: PAGE_W - 16, h: PAGE_H - 16, lineWidth: 1.2, color: doc.frameColor ?? SEAL_RED },
    { kind: 'rect', x: 10.5, y: 10.5, w: PAGE_W - 21, h: PAGE_H - 21, lineWidth: 0.35, color: doc.frameColor ?? SEAL_RED },
  ];

  // Title: large and letter-spaced, shrunk (then wrapped) if a long type name would not fit.
  const titleMax = 160;
  let titleSize = 10;
  const tracking = (s: number) => (Array.from(doc.title).length <= 8 ? s * 0.35 : 0);
  while (titleSize > 6 && textWidth(doc.title, titleSize, tracking(titleSize)) > titleMax) titleSize -= 0.5;
  const titleLines = textWidth(doc.title, titleSize, tracking(titleSize)) > titleMax ? wrapText(doc.title, titleMax, titleSize) : [doc.title];
  let y = 26;
  for (const text of titleLines) {
    const tr = titleLines.length === 1 ? tracking(titleSize) : 0;
    items.push({ kind: 'text', text, x: align(text, titleSize, PAGE_W / 2, 'center', tr), y, size: titleSize, font: 'title', tracking: tr });
    y += titleSize * 1.3;
  }
  const numberText = `编号：${doc.licenseNumber}`;
  items.push({ kind: 'text', text: numberText, x: align(numberText, 3.5, RIGHT_X, 'right'), y: Math.max(y + 2, 48), size: 3.5, font: 'body' });

  const validity = `${chineseDate(doc.validFrom)}至${doc.validUntil === null ? '长期' : chineseDate(doc.validUntil)}`;
  items.push(
    ...layoutRows([
      { label: '持证主体', value: doc.holderName, weight: 700 },
      { label: doc.holderCodeLabel, value: doc.holderCode },
      ...doc.fields,
      { label: '有效期限', value: validity },
    ]),
  );

  // Issuer block, bottom right; the seal is drawn after it so it sits on top of the name.
  const issuerSize = 4.5;
  const issuerLines = wrapText(doc.issuerName, 70, issuerSize);
  let iy = 232 - ((issuerLines.length - 1) * issuerSize * 1.4) / 2;
  for (const text of issuerLines) {
    items.push({ kind: 'text', text, x: align(text, issuerSize, ISSUER_CX, 'center'), y: iy, size: issuerSize, font: 'body' });
    iy += issuerSize * 1.4;
  }
  const dateText = chineseDate(doc.issuedOn);
  items.push({ kind: 'text', text: dateText, x: align(dateText, issuerSize, ISSUER_CX, 'center'), y: iy + 1, size: issuerSize, font: 'body' });
  items.push(fitImage('seal', images.sealPng, ISSUER_CX - SEAL_SIZE / 2, 234 + issuerSize / 2 - SEAL_SIZE / 2, SEAL_SIZE, SEAL_SIZE));

  // QR code bottom left with its caption and the URL it encodes, for readers that cannot scan.
  items.push(fitImage('qr', images.qrPng, QR_X, QR_Y, QR_SIZE, QR_SIZE));
  const caption = '扫码核验';
  items.push({ kind: 'text', text: caption, x: align(caption, 3.5, QR_X + QR_SIZE / 2, 'center'), y: QR_Y + QR_SIZE + 1.5, size: 3.5, font: 'body' });
  const urlSize = 2.2;
  const urlLines = wrapText(doc.verifyUrl, 80, urlSize);
  if (urlLines.length > 4) throw new Error('verification URL is too long to print');
  urlLines.forEach((text, i) =>
    items.push({ kind: 'text', text, x: QR_X, y: QR_Y + QR_SIZE + 7 + i * urlSize * 1.3, size: urlSize, font: 'body', color: GREY }),
  );

  const idSize = 2.5;
  const idLines = wrapText(`证照标识：${doc.identifier}`, 170, idSize);
  idLines.forEach((text, i) =>
    items.push({ kind: 'text', text, x: align(text, idSize, PAGE_W / 2, 'center'), y: 278 - (idLines.length - 1 - i) * idSize * 1.3, size: idSize, font: 'body', color: GREY }),
  );
  // An empty value still takes its line in the layout but has nothing to draw.
  return items.filter((i) => i.kind !== 'text' || i.text.trim() !== '');
}

// ---------------------------------------------------------------------------------------------
// Parts

interface ResIds {
  cs: number;
  body: number;
  title: number;
  seal: number;
  qr: number;
}

function colorXml(name: 'FillColor' | 'StrokeColor', c: Rgb): string {
  return `<ofd:${name} Value="${c.join(' ')}"/>`;
}

function textObjectXml(id: number, t: TextLine, res: ResIds): string {
  const chars = Array.from(t.text);
  const width = textWidth(t.text, t.size, t.tracking ?? 0);
  const deltas = chars.slice(0, -1).map((ch) => fmt(advance(ch, t.size) + (t.tracking ?? 0)));
  const boundary = [t.x, t.y, width + t.size * 0.1, t.size * 1.3].map(fmt).join(' ');
  const weight = t.weight === 700 ? ' Weight="700"' : '';
  const deltaX = deltas.length > 0 ? ` DeltaX="${deltas.join(' ')}"` : '';
  return (
    `<ofd:TextObject ID="${id}" Boundary="${boundary}" Font="${t.font === 'title' ? res.title : res.body}" Size="${fmt(t.size)}"${weight}>` +
    colorXml('FillColor', t.color ?? BLACK) +
    `<ofd:TextCode X="0" Y="${fmt(t.size)}"${deltaX}>${esc(t.text)}</ofd:TextCode></ofd:TextObject>`
  );
}

function itemXml(id: number, item: Item, res: ResIds): string {
  switch (item.kind) {
    case 'text':
      return textObjectXml(id, item, res);
    case 'image': {
      const box = [item.x, item.y, item.w, item.h].map(fmt).join(' ');
      // Images live in a unit square; the CTM scales it to the boundary size.
      return `<ofd:ImageObject ID="${id}" Boundary="${box}" CTM="${fmt(item.w)} 0 0 ${fmt(item.h)} 0 0" ResourceID="${item.res === 'seal' ? res.seal : res.qr}"/>`;
    }
    case 'rect': {
      // Path coordinates are relative to the boundary, which is widened by the line width so the
      // stroke is not clipped by readers that clip to it.
      const pad = item.lineWidth;
      const box = [item.x - pad, item.y - pad, item.w + 2 * pad, item.h + 2 * pad].map(fmt).join(' ');
      const [l, t, r, b] = [pad, pad, pad + item.w, pad + item.h].map(fmt);
      return (
        `<ofd:PathObject ID="${id}" Boundary="${box}" LineWidth="${fmt(item.lineWidth)}">` +
        colorXml('StrokeColor', item.color) +
        `<ofd:AbbreviatedData>M ${l} ${t} L ${r} ${t} L ${r} ${b} L ${l} ${b} C</ofd:AbbreviatedData></ofd:PathObject>`
      );
    }
  }
}

function sm3(data: Uint8Array): Buffer {
  return createHash('sm3').update(data).digest();
}

function defaultDocId(doc: LicenseDocument): string {
  const parts = [
    doc.title,
    doc.identifier,
    doc.licenseNumber,
    doc.holderName,
    doc.holderCode,
    doc.holderCodeLabel,
    ...doc.fields.flatMap((f) => [f.label, f.value]),
    doc.issuerName,
    doc.issuedOn,
    doc.validFrom,
    doc.validUntil ?? '',
    doc.verifyUrl,
  ];
  return sm3(Buffer.from(JSON.stringify(parts), 'utf8')).toString('hex').slice(0, 32);
}

/** GeneralizedTime-style UTC stamp (YYYYMMDDhhmmssZ) for SignatureDateTime. */
function signatureTime(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

function ofdXml(doc: LicenseDocument, docId: string, creationDate: string, signed: boolean): string {
  const info = [
    el('DocID', docId),
    el('Title', doc.title),
    el('Author', doc.issuerName),
    el('CreationDate', creationDate),
    el('Creator', 'Tongban'),
    `<ofd:CustomDatas><ofd:CustomData Name="identifier">${esc(doc.identifier)}</ofd:CustomData>` +
      `<ofd:CustomData Name="licenseNumber">${esc(doc.licenseNumber)}</ofd:CustomData></ofd:CustomDatas>`,
  ].join('');
  const sigs = signed ? el('Signatures', SIGNATURES_PATH) : '';
  return xmlDoc('OFD', `<ofd:DocBody><ofd:DocInfo>${info}</ofd:DocInfo>${el('DocRoot', `${DOC_DIR}/Document.xml`)}${sigs}</ofd:DocBody>`, ' Version="1.0" DocType="OFD"');
}

/** Render the license as an OFD package (ZIP bytes); identical input gives identical bytes. */
export async function renderLicenseOfd(doc: LicenseDocument, images: LicenseImages, opts: RenderOfdOptions = {}): Promise<Buffer> {
  const docId = opts.docId ?? defaultDocId(doc);
  if (!/^[0-9a-fA-F]{32}$/.test(docId)) throw new Error('OFD DocID must be 32 hex characters');
  const creationDate = opts.creationDate ?? doc.issuedOn;
  const [year, month, day] = creationDate.split('-').map(Number);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(creationDate) || new Date(Date.UTC(year ?? 0, (month ?? 0) - 1, day)).toISOString().slice(0, 10) !== creationDate) {
    throw new Error(`OFD CreationDate must be a real YYYY-MM-DD date, got ${creationDate}`);
  }

  // IDs share one space per document (§7.5): resources first, then the page, layer and objects.
  let nextId = 0;
  const id = () => ++nextId;
  const res: ResIds = { cs: id(), body: id(), title: id(), seal: id(), qr: id() };
  const pageId = id();
  const layerId = id();
  const items = layout(doc, images);
  const objects = items.map((item) => ({ id: id(), item }));
  const maxUnitId = nextId;
  const sealItem = objects.find((o) => o.item.kind === 'image' && o.item.res === 'seal')?.item;

  const files: [string, Uint8Array][] = [];
  const put = (path: string, data: string | Buffer) => files.push([path, typeof data === 'string' ? Buffer.from(data, 'utf8') : data]);

  put('OFD.xml', ofdXml(doc, docId, creationDate, opts.signer !== undefined));
  put(
    `${DOC_DIR}/Document.xml`,
    xmlDoc(
      'Document',
      `<ofd:CommonData>${el('MaxUnitID', String(maxUnitId))}<ofd:PageArea>${el('PhysicalBox', `0 0 ${PAGE_W} ${PAGE_H}`)}</ofd:PageArea>` +
        `${el('PublicRes', 'PublicRes.xml')}${el('DocumentRes', 'DocumentRes.xml')}${el('DefaultCS', String(res.cs))}</ofd:CommonData>\n` +
        `<ofd:Pages><ofd:Page ID="${pageId}" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages>`,
    ),
  );
  // No font files are embedded: readers substitute SimSun/SimHei, which every Chinese desktop has.
  put(
    `${DOC_DIR}/PublicRes.xml`,
    xmlDoc(
      'Res',
      `<ofd:ColorSpaces><ofd:ColorSpace ID="${res.cs}" Type="RGB" BitsPerComponent="8"/></ofd:ColorSpaces>\n` +
        `<ofd:Fonts><ofd:Font ID="${res.body}" FontName="SimSun" FamilyName="宋体" Serif="true"/>` +
        `<ofd:Font ID="${res.title}" FontName="SimHei" FamilyName="黑体"/></ofd:Fonts>`,
      ' BaseLoc="Res"',
    ),
  );
  put(
    `${DOC_DIR}/DocumentRes.xml`,
    xmlDoc(
      'Res',
      `<ofd:MultiMedias><ofd:MultiMedia ID="${res.seal}" Type="Image" Format="PNG">${el('MediaFile', 'seal.png')}</ofd:MultiMedia>` +
        `<ofd:MultiMedia ID="${res.qr}" Type="Image" Format="PNG">${el('MediaFile', 'qr.png')}</ofd:MultiMedia></ofd:MultiMedias>`,
      ' BaseLoc="Res"',
    ),
  );
  put(
    `${DOC_DIR}/Pages/Page_0/Content.xml`,
    xmlDoc('Page', `<ofd:Content><ofd:Layer ID="${layerId}" Type="Body">\n${objects.map((o) => itemXml(o.id, o.item, res)).join('\n')}\n</ofd:Layer></ofd:Content>`),
  );
  put(`${DOC_DIR}/Res/seal.png`, images.sealPng);
  put(`${DOC_DIR}/Res/qr.png`, images.qrPng);

  if (opts.signer) {
    const signer = opts.signer;
    const type = signer.type ?? 'Sign';
    const provider = signer.provider ?? 'Tongban';
    const method = signer.signatureMethod ?? SM2_SM3_OID;
    const refs = files
      .map(([path, data]) => `<ofd:Reference FileRef="/${esc(path)}">${el('CheckValue', sm3(data).toString('base64'))}</ofd:Reference>`)
      .join('\n');
    const stamp =
      type === 'Seal' && sealItem && sealItem.kind === 'image'
        ? `<ofd:StampAnnot ID="${STAMP_ANNOT_ID}" PageRef="${pageId}" Boundary="${[sealItem.x, sealItem.y, sealItem.w, sealItem.h].map(fmt).join(' ')}"/>`
        : '';
    const signatureXml = Buffer.from(
      xmlDoc(
        'Signature',
        `<ofd:SignedInfo><ofd:Provider ProviderName="${esc(provider)}"/>${el('SignatureMethod', method)}` +
          `${el('SignatureDateTime', signatureTime(opts.signedAt ?? new Date()))}\n` +
          `<ofd:References CheckMethod="${SM3_OID}">\n${refs}\n</ofd:References>${stamp}</ofd:SignedInfo>\n` +
          el('SignedValue', `/${SIGNED_VALUE_PATH}`),
      ),
      'utf8',
    );
    const result = await signer.sign(signatureXml);
    if (result.signatureMethod !== method || result.provider !== provider) {
      throw new Error(
        `signer returned provider/method ${result.provider}/${result.signatureMethod} but Signature.xml was written with ${provider}/${method}: declare them on the signer`,
      );
    }
    put(
      SIGNATURES_PATH,
      xmlDoc('Signatures', `${el('MaxSignId', SIGN_ID)}<ofd:Signature ID="${SIGN_ID}" Type="${type}" BaseLoc="/${SIGNATURE_PATH}"/>`),
    );
    put(SIGNATURE_PATH, signatureXml);
    put(SIGNED_VALUE_PATH, result.signedValue);
  }

  // Zip timestamps are local DOS times; building the Date from local fields keeps the bytes the
  // same in every time zone.
  // DOS dates cover 1980-2099 only.
  const mtime = year !== undefined && year >= 1980 && year <= 2099 ? new Date(year, (month ?? 1) - 1, day, 12, 0, 0) : new Date(1980, 0, 1, 12, 0, 0);
  const zippable: Zippable = {};
  for (const [path, data] of files) zippable[path] = [data, { mtime, level: path.endsWith('.png') || path.endsWith('.dat') ? 0 : 6 }];
  return Buffer.from(zipSync(zippable));
}

// ---------------------------------------------------------------------------------------------
// Reading our own packages back (verifier side)

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_m, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    return String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

interface XmlEl {
  attrs: Record<string, string>;
  inner: string;
}

/** Elements by local name, any prefix; enough for the flat structures this module writes. */
function elements(xml: string, name: string): XmlEl[] {
  const re = new RegExp(`<(?:[\\w.-]+:)?${name}(?=[\\s/>])([^>]*?)(?:/>|>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}>)`, 'g');
  const out: XmlEl[] = [];
  for (const m of xml.matchAll(re)) {
    const attrs: Record<string, string> = {};
    for (const a of (m[1] ?? '').matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      attrs[a[1] ?? ''] = decodeXml(a[2] ?? a[3] ?? '');
    }
    out.push({ attrs, inner: m[2] ?? '' });
  }
  return out;
}

function text(xml: string, name: string): string | null {
  const e = elements(xml, name)[0];
  return e ? decodeXml(e.inner).trim() : null;
}

/** Resolve an ST_Loc: absolute from the package root, otherwise relative to the referring file. */
function resolveLoc(loc: string, fromFile: string): string {
  const base = loc.startsWith('/') ? [] : fromFile.split('/').slice(0, -1);
  for (const seg of loc.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (base.length === 0) throw new Error(`OFD location escapes the package: ${loc}`);
      base.pop();
    } else base.push(seg);
  }
  return base.join('/');
}

function unzipOfd(ofd: Buffer): Record<string, Uint8Array> {
  return unzipSync(new Uint8Array(ofd.buffer, ofd.byteOffset, ofd.byteLength));
}

function need(files: Record<string, Uint8Array>, path: string): Uint8Array {
  const f = files[path];
  if (!f) throw new Error(`OFD package lacks ${path}`);
  return f;
}

function xmlOf(files: Record<string, Uint8Array>, path: string): string {
  return Buffer.from(need(files, path)).toString('utf8');
}

/** Read the signature of a package this module wrote and recheck every referenced file's SM3. */
export function readOfdSignature(ofd: Buffer): OfdSignatureInfo {
  const files = unzipOfd(ofd);
  const sigsLoc = text(xmlOf(files, 'OFD.xml'), 'Signatures');
  if (!sigsLoc) throw new Error('OFD package is not signed');
  const sigsPath = resolveLoc(sigsLoc, 'OFD.xml');
  const sig = elements(xmlOf(files, sigsPath), 'Signature')[0];
  if (!sig?.attrs.BaseLoc) throw new Error('Signatures.xml lists no signature');
  const sigPath = resolveLoc(sig.attrs.BaseLoc, sigsPath);
  const signatureXml = Buffer.from(need(files, sigPath));
  const xml = signatureXml.toString('utf8');

  const refsEl = elements(xml, 'References')[0];
  const checkMethod = refsEl?.attrs.CheckMethod ?? 'MD5';
  if (checkMethod !== SM3_OID) throw new Error(`unsupported OFD CheckMethod ${checkMethod}`);
  const references = elements(refsEl?.inner ?? '', 'Reference').map((r) => ({
    fileRef: r.attrs.FileRef ?? '',
    checkValue: text(r.inner, 'CheckValue') ?? '',
  }));
  const mismatched: string[] = [];
  const covered = new Set<string>();
  for (const ref of references) {
    const path = resolveLoc(ref.fileRef, sigPath);
    covered.add(path);
    const data = files[path];
    if (!data || sm3(data).toString('base64') !== ref.checkValue.replace(/\s+/g, '')) mismatched.push(ref.fileRef);
  }
  // Everything under the signatures' folder is written after the digests, so it cannot be covered.
  const signsDir = sigsPath.split('/').slice(0, -1).join('/') + '/';
  const unreferenced = Object.keys(files)
    .filter((p) => !p.endsWith('/') && !p.startsWith(signsDir) && !covered.has(p))
    .map((p) => `/${p}`);

  const signedValueLoc = text(xml, 'SignedValue');
  if (!signedValueLoc) throw new Error('Signature.xml has no SignedValue');
  const provider = elements(xml, 'Provider')[0]?.attrs.ProviderName ?? null;
  return {
    signatureXml,
    signedValue: Buffer.from(need(files, resolveLoc(signedValueLoc, sigPath))),
    references,
    digestsMatch: references.length > 0 && mismatched.length === 0 && unreferenced.length === 0,
    mismatched,
    unreferenced,
    type: sig.attrs.Type === 'Seal' ? 'Seal' : 'Sign',
    provider,
    signatureMethod: text(xml, 'SignatureMethod'),
    signatureDateTime: text(xml, 'SignatureDateTime'),
    checkMethod,
  };
}

/** The TextCode strings of every page, in document order. */
export function extractOfdText(ofd: Buffer): string[] {
  const files = unzipOfd(ofd);
  const out: string[] = [];
  for (const body of elements(xmlOf(files, 'OFD.xml'), 'DocBody')) {
    const rootLoc = text(body.inner, 'DocRoot');
    if (!rootLoc) continue;
    const docPath = resolveLoc(rootLoc, 'OFD.xml');
    const pages = elements(elements(xmlOf(files, docPath), 'Pages')[0]?.inner ?? '', 'Page');
    for (const page of pages) {
      const content = xmlOf(files, resolveLoc(page.attrs.BaseLoc ?? '', docPath));
      for (const code of elements(content, 'TextCode')) out.push(decodeXml(code.inner));
    }
  }
  return out;
}
