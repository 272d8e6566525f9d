import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../test/support/template.ts';

const FILE = path.join(ROOT, 'bench/RESULTS.md');
const HEADER =
  '# Benchmark results\n\nProduced by `npm run bench` (PGlite) and `bash scripts/with-postgres.sh npm run bench` (PostgreSQL).\nRatios compare each scenario with the baseline measured in the same run; absolute numbers depend on the machine (2 cores here).\n\n';

/** Replace (or add) the section whose heading starts with `key` in bench/RESULTS.md. */
export function writeResults(key: string, section: string): void {
  const existing = existsSync(FILE) ? readFileSync(FILE, 'utf8') : HEADER;
  const body = existing.startsWith(HEADER) ? existing.slice(HEADER.length) : existing.replace(/^# Benchmark results[\s\S]*?(?=\n### |$)/, '');
  const sections = body.split(/\n(?=### )/).map((x) => x.trim()).filter((x) => x && !x.startsWith(key));
  writeFileSync(FILE, HEADER + [...sections, section.trim()].join('\n\n') + '\n');
}
