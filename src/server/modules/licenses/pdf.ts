import { createHash } from 'node:crypto';
import fontkit from '@pdf-lib/fontkit';
import type { Font } from '@pdf-lib/fontkit';
import {
  BlendMode,
  PDFDocument,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setCharacterSpacing,
  setLineWidth,
  setStrokingColor,
  setTextRenderingMode,
  TextRenderingMode,
  type PDFFont,
  type PDFPage,
  type RGB,
} from 'pdf-lib';
import type { LicenseDocument, LicenseImages } from './document.ts';
import { findCjkFont, openFont, type CjkFont } from './font.ts';

/** Options of renderLicensePdf. */
export interface PdfOptions {
  /** CJK font file (LICENSE_FONT_PATH); defaults to what findCjkFont picks. */
  fontPath?: string;
}

// Layout in millimetres from the top-left corner of an A4 page; text y values are baselines.
const MM = 72 / 25.4;
const PAGE_W = 210;
const PAGE_H = 297;
const FRAME_RED = rgb(178 / 255, 34 / 255, 34 / 255);
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.33, 0.33, 0.33);
const LABEL_X = 30;
const LABEL_MAX_W = 40;
const VALUE_X = 74;
const VALUE_RIGHT = 182;
const ROWS_TOP = 74;
const ROWS_BOTTOM = 206;
const QR_X = 28;
const QR_Y = 214;
const QR_SIZE = 30;
const ISSUER_CX = 148;
const ISSUER_Y = 238;
const SEAL_SIZE = 40;

interface TextOp {
  text: string;
  x: number;
  y: number;
  /** Font size in points. */
  size: number;
  color: RGB;
  /** Extra space after each character, in points (letter-spaced titles, justified labels). */
  tracking?: number;
  /** Synthetic bold (fill + thin stroke): the bundled CJK fonts come in one weight only. */
  bold?: boolean;
}

/** Advance widths from the same fontkit font pdf-lib embeds, so measured lines are the drawn lines. */
class Metrics {
  constructor(private readonly font: Font) {}

  /** Width in millimetres of text at size points (plus tracking after every character but the last). */
  width(text: string, size: number, tracking = 0): number {
    const glyphs = this.font.layout(text).glyphs;
    const units = glyphs.reduce((w, g) => w + g.advanceWidth, 0);
    return ((units / this.font.unitsPerEm) * size + tracking * Math.max(0, Array.from(text).length - 1)) / MM;
  }
}

// Chinese line breaking (禁则): closing punctuation never starts a line (it hangs past the margin
// instead), opening punctuation never ends one.
const NO_LINE_START = new Set(Array.from('，。、；：？！）》」』】〕〉”’…—,.;:?!)]}%'));
const NO_LINE_END = new Set(Array.from('（《「『【〔〈“‘([{'));

/**
 * Break text into lines no wider than width (mm) by measured advance widths: CJK may break between any
 * two characters, runs of ASCII letters/digits stay together unless a run alone is wider than a line.
 */
export function wrapLines(text: string, width: number, measure: (s: string) => number): string[] {
  const out: string[] = [];
  for (const para of text.replace(/\t/g, ' ').split(/\r\n|\r|\n/)) {
    const tokens = para.match(/[\x21-\x7e]+| +|[^\x21-\x7e ]/gu) ?? [];
    let line = '';
    const flush = () => {
      const chars = Array.from(line.replace(/ +$/, ''));
      let carry = '';
      while (chars.length > 1 && NO_LINE_END.has(chars[chars.length - 1] ?? '')) carry = (chars.pop() ?? '') + carry;
      out.push(chars.join(''));
      line = carry;
    };
    const fits = (s: string) => measure(s) <= width + 1e-6;
    for (const token of tokens) {
      if (line === '' && token.trim() === '') continue;
      if (fits(line + token) || (line !== '' && NO_LINE_START.has(token))) {
        line += token;
      } else if (fits(token)) {
        flush();
        if (token.trim() !== '') line += token;
      } else {
        // A run longer than a whole line (a URL, a long number): break it between characters.
        for (const ch of Array.from(token)) {
          if (line !== '' && !fits(line + ch) && !NO_LINE_START.has(ch)) flush();
          line += ch;
        }
      }
    }
    if (line !== '' || out.length === 0 || para === '') flush();
  }
  return out;
}

function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

interface Layout {
  texts: TextOp[];
  seal: { x: number; y: number; size: number };
  qr: { x: number; y: number; size: number };
}

function layoutRows(rows: { label: string; value: string; bold?: boolean }[], m: Metrics): TextOp[] {
  const labels = rows.map((r) => r.label.trim().replace(/[:：]$/, ''));
  // Shrink the body text until every row fits above the QR/seal band rather than clip it.
  for (let size = 13; size >= 8; size -= 0.5) {
    const lh = (size * 1.75) / MM;
    const gap = (size * 0.55) / MM;
    // Two- and three-character labels are spread to the width of four (住所 becomes 住  所), as on a
    // business licence; longer ones keep their natural spacing so text extraction reads them as one word.
    const fourChars = m.width('国国国国', size);
    const labelW = LABEL_MAX_W;
    const ops: TextOp[] = [];
    let y = ROWS_TOP;
    rows.forEach((row, i) => {
      const label = labels[i] ?? '';
      // A slightly long label is set a little smaller on one line; a much longer one wraps.
      const fitted = Math.min(size, (size * labelW) / Math.max(1e-6, m.width(label, size)));
      const labelSize = fitted >= size * 0.82 ? fitted : size;
      const labelLines = m.width(label, labelSize) > labelW + 1e-6 ? wrapLines(label, labelW, (s) => m.width(s, labelSize)) : [label];
      labelLines.forEach((text, j) => {
        const n = Array.from(text).length;
        const spread = labelLines.length === 1 && n > 1 && n < 4 ? ((fourChars - m.width(text, labelSize)) * MM) / (n - 1) : 0;
        ops.push({ text, x: LABEL_X, y: y + j * lh, size: labelSize, color: GREY, ...(spread > 0.01 ? { tracking: spread } : {}) });
      });
      const valueLines = wrapLines(row.value, VALUE_RIGHT - VALUE_X, (s) => m.width(s, size));
      valueLines.forEach((text, j) => ops.push({ text, x: VALUE_X, y: y + j * lh, size, color: BLACK, ...(row.bold ? { bold: true } : {}) }));
      y += Math.max(labelLines.length, valueLines.length) * lh + gap;
    });
    if (y - gap <= ROWS_BOTTOM) return ops;
  }
  throw new Error('license content does not fit on one A4 page');
}

function layout(doc: LicenseDocument, m: Metrics): Layout {
  const texts: TextOp[] = [];

  // Title: large, centred and letter-spaced when short; shrunk, then wrapped, when a type name is long.
  const titleMax = 150;
  const chars = Array.from(doc.title).length;
  const tracking = (s: number) => (chars <= 8 ? s * 0.4 : 0);
  let titleSize = 30;
  while (titleSize > 20 && m.width(doc.title, titleSize, tracking(titleSize)) > titleMax) titleSize -= 1;
  const oneLine = m.width(doc.title, titleSize, tracking(titleSize)) <= titleMax;
  const titleLines = oneLine ? [doc.title] : wrapLines(doc.title, titleMax, (s) => m.width(s, titleSize));
  let y = 40 - ((titleLines.length - 1) * titleSize * 1.25) / MM;
  for (const text of titleLines) {
    const tr = oneLine ? tracking(titleSize) : 0;
    texts.push({ text, x: PAGE_W / 2 - m.width(text, titleSize, tr) / 2, y, size: titleSize, color: BLACK, tracking: tr, bold: true });
    y += (titleSize * 1.25) / MM;
  }

  const numberText = `编号：${doc.licenseNumber}`;
  texts.push({ text: numberText, x: VALUE_RIGHT - m.width(numberText, 10.5), y: 58, size: 10.5, color: BLACK });

  const validity = `${chineseDate(doc.validFrom)}至${doc.validUntil === null ? '长期' : chineseDate(doc.validUntil)}`;
  texts.push(
    ...layoutRows(
      [
        { label: '持证主体', value: doc.holderName, bold: true },
        { label: doc.holderCodeLabel, value: doc.holderCode },
        ...doc.fields,
        { label: '有效期限', value: validity },
      ],
      m,
    ),
  );

  // Issuer and date bottom right, centred under the seal that is stamped over them.
  const issuerSize = 13;
  const issuerLines = wrapLines(doc.issuerName, 72, (s) => m.width(s, issuerSize));
  const lh = (issuerSize * 1.45) / MM;
  let iy = ISSUER_Y - ((issuerLines.length - 1) * lh) / 2;
  for (const text of issuerLines) {
    texts.push({ text, x: ISSUER_CX - m.width(text, issuerSize) / 2, y: iy, size: issuerSize, color: BLACK });
    iy += lh;
  }
  const date = chineseDate(doc.issuedOn);
  texts.push({ text: date, x: ISSUER_CX - m.width(date, issuerSize) / 2, y: iy + 1.5, size: issuerSize, color: BLACK });

  // QR bottom left, its caption, and the URL it encodes for readers who cannot scan.
  const caption = '扫码核验';
  texts.push({ text: caption, x: QR_X + QR_SIZE / 2 - m.width(caption, 10.5) / 2, y: QR_Y + QR_SIZE + 5, size: 10.5, color: BLACK });
  const urlSize = 6.5;
  const urlLines = wrapLines(doc.verifyUrl, 78, (s) => m.width(s, urlSize));
  if (urlLines.length > 3) throw new Error('verification URL is too long to print');
  urlLines.forEach((text, i) => texts.push({ text, x: QR_X, y: QR_Y + QR_SIZE + 9.5 + (i * urlSize * 1.3) / MM, size: urlSize, color: GREY }));

  // The identifier, small, on the last line inside the frame.
  const idSize = 7;
  const idLines = wrapLines(`证照标识：${doc.identifier}`, 160, (s) => m.width(s, idSize));
  idLines.forEach((text, i) =>
    texts.push({
      text,
      x: PAGE_W / 2 - m.width(text, idSize) / 2,
      y: 281 - ((idLines.length - 1 - i) * idSize * 1.3) / MM,
      size: idSize,
      color: GREY,
    }),
  );

  return {
    texts: texts.filter((t) => t.text !== ''),
    seal: { x: ISSUER_CX - SEAL_SIZE / 2, y: ISSUER_Y + 1 - SEAL_SIZE / 2, size: SEAL_SIZE },
    qr: { x: QR_X, y: QR_Y, size: QR_SIZE },
  };
}

function drawText(page: PDFPage, font: PDFFont, t: TextOp): void {
  const styled = Boolean(t.tracking) || Boolean(t.bold);
  // Character spacing (Tc) rather than one draw per character, so text extraction keeps the word whole.
  if (styled) page.pushOperators(pushGraphicsState());
  if (t.tracking) page.pushOperators(setCharacterSpacing(t.tracking));
  if (t.bold) {
    page.pushOperators(setTextRenderingMode(TextRenderingMode.FillAndOutline), setLineWidth(t.size * 0.035), setStrokingColor(t.color));
  }
  page.drawText(t.text, { font, size: t.size, color: t.color, x: t.x * MM, y: (PAGE_H - t.y) * MM });
  if (styled) page.pushOperators(popGraphicsState());
}

/**
 * Six capital letters from the subset's content, for the `ABCDEF+Name` subset prefix the PDF spec asks
 * for (pdf-lib would append a random number instead); hashing keeps the output deterministic.
 */
function subsetTag(cjk: CjkFont, texts: TextOp[]): string {
  const used = [...new Set(texts.flatMap((t) => Array.from(t.text)))].sort().join('');
  const digest = createHash('sha256').update(`${cjk.faceName ?? cjk.path}\n${used}`).digest();
  return Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
}

/**
 * Render a license as a one-page A4 PDF: double frame, title, holder and data rows, issuer and date
 * under the seal, QR with caption and URL, identifier. The CJK font is embedded as a subset; the same
 * input always gives the same bytes (dates come from doc.issuedOn).
 */
export async function renderLicensePdf(doc: LicenseDocument, images: LicenseImages, opts: PdfOptions = {}): Promise<Buffer> {
  const cjk = findCjkFont(opts.fontPath);
  const plan = layout(doc, new Metrics(openFont(cjk)));

  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(fontkit);
  const faceName = cjk.faceName ?? 'CJKFont';
  // CFF outlines are embedded whole: fontkit's CFF subsetter produces fonts that render wrongly.
  const font =
    cjk.outlines === 'glyf'
      ? await pdf.embedFont(cjk.bytes, { subset: true, customName: `${subsetTag(cjk, plan.texts)}+${faceName}` })
      : await pdf.embedFont(cjk.bytes, { subset: false, customName: faceName });
  const page = pdf.addPage([PAGE_W * MM, PAGE_H * MM]);

  // Double frame: a strong outer rule and a hairline inside it, the usual certificate border.
  const frame = doc.frameColor ? rgb(doc.frameColor[0] / 255, doc.frameColor[1] / 255, doc.frameColor[2] / 255) : FRAME_RED;
  page.drawRectangle({ x: 9 * MM, y: 9 * MM, width: (PAGE_W - 18) * MM, height: (PAGE_H - 18) * MM, borderColor: frame, borderWidth: 1.1 * MM });
  page.drawRectangle({ x: 11.5 * MM, y: 11.5 * MM, width: (PAGE_W - 23) * MM, height: (PAGE_H - 23) * MM, borderColor: frame, borderWidth: 0.3 * MM });

  for (const t of plan.texts) drawText(page, font, t);

  const qr = await pdf.embedPng(images.qrPng);
  page.drawImage(qr, { x: plan.qr.x * MM, y: (PAGE_H - plan.qr.y - plan.qr.size) * MM, width: plan.qr.size * MM, height: plan.qr.size * MM });
  // The seal goes on last, over the issuer name; multiply keeps the black text visible through the red ink.
  const seal = await pdf.embedPng(images.sealPng);
  page.drawImage(seal, {
    x: plan.seal.x * MM,
    y: (PAGE_H - plan.seal.y - plan.seal.size) * MM,
    width: plan.seal.size * MM,
    height: plan.seal.size * MM,
    blendMode: BlendMode.Multiply,
  });

  const issued = new Date(`${doc.issuedOn}T00:00:00+08:00`);
  if (Number.isNaN(issued.getTime())) throw new Error(`invalid issue date ${doc.issuedOn}`);
  pdf.setTitle(`${doc.title}（${doc.holderName}）`, { showInWindowTitleBar: true });
  pdf.setAuthor(doc.issuerName);
  pdf.setSubject(`${doc.title} ${doc.licenseNumber}`);
  pdf.setKeywords([doc.identifier, doc.licenseNumber]);
  pdf.setProducer('Tongban');
  pdf.setCreator('Tongban electronic licenses (通办电子证照)');
  pdf.setLanguage('zh-CN');
  pdf.setCreationDate(issued);
  pdf.setModificationDate(issued);
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}
