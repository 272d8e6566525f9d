/** Reading and writing the catalog workbook with exceljs (the layout itself is in xlsx-codec.ts). */
import ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors.ts';
import { COLUMNS, SHEETS, headerBase, headerText, type Cell, type DataSheet, type ItemRecords, type SourceRow } from './xlsx-codec.ts';

/** The MIME type of an xlsx file. */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const DATA_SHEETS = Object.keys(COLUMNS) as DataSheet[];
const READ_ONLY_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E7F7' } };

const KEY_COLUMNS = new Set(['code', 'version']);

type LoadArg = Parameters<ExcelJS.Xlsx['load']>[0];

const README = [
  '本工作簿由通办事项库导出，用于批量修改已发布事项的办事指南。',
  '1. “事项清单”每行一个实施清单；“申请材料”“办理流程”“收费”“设定依据”“特别程序”每行一条，用“实施编码”对应到事项。',
  '2. 灰色列（实施编码、基本编码、版本、行政区划、实施主体、层级）仅供参考，导入时不修改。请勿改动“版本”：导入时据此发现他人已发布的新版本。',
  '3. 多条内容（办理条件、主题分类、联办机构）在一个单元格内一行一条；服务对象、网办深度用顿号分隔。',
  '4. 列表的行序即办事指南中的顺序；删除一行即删除该条；新增材料或环节可将“标识”留空，系统自动生成。',
  '5. 导入后，内容有变化的事项各生成一份变更草稿，须经另一名事项管理员审核后才发布；没有变化的事项不受影响。',
  '6. 任何一行有错误时整个文件都不导入，错误按“工作表、行号、列”列出，改正后重新导入即可。',
];

/** Write the workbook of a set of implementations (rows already encoded). */
export async function writeCatalogWorkbook(items: ItemRecords[], note: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '通办 Tongban';
  wb.created = new Date();
  for (const sheet of DATA_SHEETS) {
    const ws = wb.addWorksheet(SHEETS[sheet], { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
    const cols = COLUMNS[sheet];
    ws.columns = cols.map((col) => ({
      header: headerText(col),
      key: col.key,
      width: col.width ?? 14,
      // Text format keeps codes and phone numbers as typed (no lost leading zeros, no 1.2E+17).
      style: col.numeric ? {} : { numFmt: '@' },
    }));
    const header = ws.getRow(1);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', wrapText: true };
    cols.forEach((col, i) => {
      const cell = header.getCell(i + 1);
      cell.fill = col.readOnly ? READ_ONLY_FILL : HEADER_FILL;
      if (col.key === 'version') cell.note = `导出时间：${note}。导入时若该事项已发布更新的版本，此行会报错“已有更新版本，请重新导出”。`;
    });
    for (const item of items) {
      for (const rec of item[sheet]) {
        const row = ws.addRow(cols.map((col) => rec[col.key] ?? null));
        cols.forEach((col, i) => {
          const cell = row.getCell(i + 1);
          if (col.readOnly) cell.fill = READ_ONLY_FILL;
          if (typeof cell.value === 'string' && cell.value.includes('\n')) cell.alignment = { wrapText: true, vertical: 'top' };
        });
      }
    }
  }
  const readme = wb.addWorksheet(SHEETS.readme);
  readme.getColumn(1).width = 120;
  [`导出时间：${note}`, ...README].forEach((line, i) => {
    readme.getCell(i + 1, 1).value = line;
  });
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out);
}

/** Normalize an exceljs value to what the codec reads: text, a number, or empty. */
export function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('hyperlink' in v) return v.text;
  if ('error' in v) return null;
  if ('result' in v && v.result !== undefined) return cellValue(v.result);
  return null;
}

/** The data sheets of an uploaded workbook: rows with their Excel row numbers, cells by column key. */
export type WorkbookRows = Record<DataSheet, SourceRow[]>;

/**
 * Read an uploaded workbook. A file that is not an xlsx, or lacks a sheet or a column, answers 400
 * naming what is missing; a bad value in a cell is not an error here (the import job reports it).
 */
export async function readCatalogWorkbook(buf: Buffer): Promise<WorkbookRows> {
  // An xlsx is a ZIP: check the signature before handing exceljs arbitrary bytes.
  if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50) throw new AppError('BAD_REQUEST', '上传的文件不是 xlsx 工作簿');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as LoadArg);
  } catch {
    throw new AppError('BAD_REQUEST', '无法读取上传的文件：不是有效的 xlsx 工作簿');
  }
  const missingSheets = DATA_SHEETS.filter((s) => !wb.getWorksheet(SHEETS[s]));
  if (missingSheets.length > 0) {
    const names = missingSheets.map((s) => SHEETS[s]);
    throw new AppError('BAD_REQUEST', `工作簿缺少工作表：${names.join('、')}`, names.map((n) => ({ path: n, message: '缺少工作表' })));
  }
  const out = {} as WorkbookRows;
  const problems: { path: string; message: string }[] = [];
  for (const sheet of DATA_SHEETS) {
    const ws = wb.getWorksheet(SHEETS[sheet]);
    if (!ws) continue;
    const at = new Map<string, number>();
    ws.getRow(1).eachCell((cell, col) => {
      const base = headerBase(String(cellValue(cell.value) ?? ''));
      if (base && !at.has(base)) at.set(base, col);
    });
    // Read-only columns may be dropped, except the code (ties rows together) and the version (stale check).
    const missing = COLUMNS[sheet].filter((col) => (!col.readOnly || KEY_COLUMNS.has(col.key)) && !at.has(col.header)).map((col) => col.header);
    for (const m of missing) problems.push({ path: `${SHEETS[sheet]}.${m}`, message: '缺少列' });
    const rows: SourceRow[] = [];
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const cells: Record<string, Cell> = {};
      let any = false;
      for (const col of COLUMNS[sheet]) {
        const idx = at.get(col.header);
        const v = idx ? cellValue(row.getCell(idx).value) : null;
        cells[col.key] = typeof v === 'string' && v.trim() === '' ? null : v;
        if (cells[col.key] !== null) any = true;
      }
      if (any) rows.push({ row: n, cells });
    });
    out[sheet] = rows;
  }
  if (problems.length > 0) {
    throw new AppError('BAD_REQUEST', `表头不完整：${problems.map((p) => `${p.path}`).join('、')}（请使用导出的工作簿填写）`, problems);
  }
  return out;
}
