/**
 * What an uploaded file really is, from its bytes (magic numbers and, for ZIP containers, the names
 * of their entries), never from the name or the Content-Type the browser sent.
 */

/** A type we accept, with its MIME type and the extensions it may carry. */
export interface FileKind {
  kind: 'pdf' | 'jpeg' | 'png' | 'ofd' | 'docx' | 'xlsx';
  contentType: string;
  extensions: readonly string[];
}

/** The accepted types. */
export const FILE_KINDS: readonly FileKind[] = [
  { kind: 'pdf', contentType: 'application/pdf', extensions: ['pdf'] },
  { kind: 'jpeg', contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  { kind: 'png', contentType: 'image/png', extensions: ['png'] },
  // OFD (GB/T 33190): a ZIP whose root holds OFD.xml.
  { kind: 'ofd', contentType: 'application/ofd', extensions: ['ofd'] },
  { kind: 'docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  { kind: 'xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
];

/** The outcome of sniffing: an accepted kind, or why not. */
export type Sniffed = { ok: true; type: FileKind } | { ok: false; reason: 'executable' | 'zip-unknown' | 'unknown' };

function startsWith(b: Buffer, sig: number[]): boolean {
  return b.length >= sig.length && sig.every((x, i) => b[i] === x);
}

/** Entry names of a ZIP archive from its central directory; undefined if it is not a readable ZIP. */
export function zipEntryNames(b: Buffer): string[] | undefined {
  // The end-of-central-directory record sits in the last 22 + up to 65,535 (comment) bytes.
  const from = Math.max(0, b.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = b.length - 22; i >= from; i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) return undefined;
    const nameLen = b.readUInt16LE(p + 28);
    const extraLen = b.readUInt16LE(p + 30);
    const commentLen = b.readUInt16LE(p + 32);
    if (p + 46 + nameLen > b.length) return undefined;
    names.push(b.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

/** Decide what the bytes are. */
export function sniff(b: Buffer): Sniffed {
  const kind = (k: FileKind['kind']): Sniffed => ({ ok: true, type: FILE_KINDS.find((x) => x.kind === k) as FileKind });
  // Executables and scripts first: refused whatever they are called.
  if (
    startsWith(b, [0x4d, 0x5a]) || // MZ: Windows PE (.exe, .dll)
    startsWith(b, [0x7f, 0x45, 0x4c, 0x46]) || // ELF
    startsWith(b, [0xcf, 0xfa, 0xed, 0xfe]) || startsWith(b, [0xce, 0xfa, 0xed, 0xfe]) || // Mach-O
    startsWith(b, [0xca, 0xfe, 0xba, 0xbe]) || // Mach-O universal / Java class
    startsWith(b, [0x23, 0x21]) // #! script
  ) {
    return { ok: false, reason: 'executable' };
  }
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return kind('pdf'); // %PDF-
  if (startsWith(b, [0xff, 0xd8, 0xff])) return kind('jpeg');
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return kind('png');
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(b);
    if (!names) return { ok: false, reason: 'zip-unknown' };
    if (names.some((n) => /\.(exe|dll|bat|cmd|com|scr|js|vbs|ps1|sh|jar|msi)$/i.test(n))) return { ok: false, reason: 'executable' };
    if (names.includes('OFD.xml')) return kind('ofd');
    if (names.includes('[Content_Types].xml') && names.includes('word/document.xml')) return kind('docx');
    if (names.includes('[Content_Types].xml') && names.includes('xl/workbook.xml')) return kind('xlsx');
    return { ok: false, reason: 'zip-unknown' };
  }
  return { ok: false, reason: 'unknown' };
}

/** The lower-case extension of a file name ('' when none). */
export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(name);
  return m?.[1]?.toLowerCase() ?? '';
}
