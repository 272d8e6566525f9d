/**
 * The schedule as an administrator pastes it from the State Council's notice: one line per holiday
 * period or adjusted working day, "2027-10-01~2027-10-07 国庆节" or "2027-10-09 国庆节". Ranges are
 * expanded to days; each day remembers its line so that a server error ("holidays.12.date") can be
 * shown as "第 3 行".
 */

/** One day of a pasted schedule, with the line it came from (1-based). */
export interface ParsedDay {
  date: string;
  name: string;
  line: number;
}

/** A line that could not be read. */
export interface LineIssue {
  line: number;
  text: string;
}

const DATE = String.raw`(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})`;
const LINE = new RegExp(String.raw`^${DATE}(?:\s*(?:~|～|至|—|--)\s*${DATE})?\s+(\S.*)$`);
const MS_PER_DAY = 86_400_000;

function iso(y: string, m: string, d: string): string | null {
  const t = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (t.getUTCFullYear() !== Number(y) || t.getUTCMonth() !== Number(m) - 1 || t.getUTCDate() !== Number(d)) return null;
  return t.toISOString().slice(0, 10);
}

/** Read pasted lines into days; blank lines are skipped, unreadable ones reported. */
export function parseScheduleText(text: string): { days: ParsedDay[]; issues: LineIssue[] } {
  const days: ParsedDay[] = [];
  const issues: LineIssue[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const m = LINE.exec(line);
    const from = m ? iso(m[1] ?? '', m[2] ?? '', m[3] ?? '') : null;
    const to = m?.[4] ? iso(m[4], m[5] ?? '', m[6] ?? '') : from;
    const name = m?.[7]?.trim() ?? '';
    // A range longer than a month is a typo, not a holiday.
    if (!from || !to || to < from || (Date.parse(to) - Date.parse(from)) / MS_PER_DAY > 31) {
      issues.push({ line: i + 1, text: line });
      return;
    }
    for (let d = Date.parse(from); d <= Date.parse(to); d += MS_PER_DAY) days.push({ date: new Date(d).toISOString().slice(0, 10), name, line: i + 1 });
  });
  return { days, issues };
}

/** Write days back as lines, joining consecutive dates of the same holiday into one range. */
export function formatScheduleText(days: readonly { date: string; name: string }[]): string {
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  const lines: string[] = [];
  let start: { date: string; name: string } | undefined;
  let prev: { date: string; name: string } | undefined;
  const flush = () => {
    if (start && prev) lines.push(start.date === prev.date ? `${start.date} ${start.name}` : `${start.date}~${prev.date} ${start.name}`);
  };
  for (const d of sorted) {
    if (start && prev && d.name === start.name && Date.parse(d.date) - Date.parse(prev.date) === MS_PER_DAY) {
      prev = d;
      continue;
    }
    flush();
    start = d;
    prev = d;
  }
  flush();
  return lines.join('\n');
}
