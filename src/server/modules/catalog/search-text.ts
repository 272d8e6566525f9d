/**
 * Chinese full-text search without a server extension: text is segmented into words with
 * Intl.Segmenter (full ICU is built into Node), and the words are indexed with PostgreSQL's 'simple'
 * configuration, which works the same on PGlite and PostgreSQL.
 */
const segmenter = new Intl.Segmenter('zh-CN', { granularity: 'word' });

/** Word-like tokens of a text, lower-cased. */
export function segment(text: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(text)) if (s.isWordLike) out.push(s.segment.toLowerCase());
  return out;
}

/**
 * Everyday words citizens type for the official ones (口语 → 规范用语). A query term also searches
 * the official term, so "个体户" finds 个体工商户设立登记.
 */
const SYNONYMS: Record<string, string[]> = {
  个体户: ['个体工商户'],
  执照: ['营业执照'],
  身份证: ['居民身份证'],
  低保: ['最低生活保障'],
  社保: ['社会保险'],
  医保: ['医疗保障', '医疗保险'],
  房产证: ['不动产权证书', '不动产登记'],
  准生证: ['生育登记'],
  落户: ['户口迁移', '户籍'],
  开公司: ['公司设立登记'],
  开店: ['个体工商户设立登记', '食品经营许可'],
  残疾证: ['残疾人证'],
  养老金: ['养老保险'],
};

/**
 * Search terms of a query. Each term is a list of alternatives; an alternative is a list of words
 * that must all match. "低保" becomes (低保) | (最低 & 生活 & 保障), so the synonym is found as a
 * whole, not by any of its words.
 */
export function queryTerms(query: string): string[][][] {
  const raw = query.replace(/\s+/g, '');
  // A whole-query synonym (e.g. 个体户, which the segmenter splits) is one term.
  const whole = SYNONYMS[raw];
  if (whole) return [[segment(raw), ...whole.map((w) => segment(w))]];
  return segment(query).map((w) => [[w], ...(SYNONYMS[w] ?? []).map((s) => segment(s))]);
}

/** A tsquery text: every term must match (AND); within a term any alternative (OR) of all its words (AND). */
export function toTsQuery(terms: string[][][]): string {
  const quote = (w: string) => `'${w.replace(/['\\:&|!()<>*]/g, '')}'`;
  const alt = (words: string[]) => {
    const q = words.map(quote).filter((w) => w !== "''");
    return q.length > 1 ? `(${q.join(' & ')})` : (q[0] ?? '');
  };
  return terms
    .map((alts) => alts.map(alt).filter((a) => a))
    .filter((alts) => alts.length > 0)
    .map((alts) => (alts.length === 1 ? (alts[0] ?? '') : `(${alts.join(' | ')})`))
    .join(' & ');
}

/** Split a text into pieces, marking the pieces that match one of the words (for highlighting without HTML). */
export function highlight(text: string, words: string[]): { text: string; hit: boolean }[] {
  const targets = [...new Set(words.filter((w) => w.length > 0))].sort((a, b) => b.length - a.length);
  if (targets.length === 0) return [{ text, hit: false }];
  const pieces: { text: string; hit: boolean }[] = [];
  let i = 0;
  let plain = '';
  const lower = text.toLowerCase();
  while (i < text.length) {
    const m = targets.find((w) => lower.startsWith(w, i));
    if (m) {
      if (plain) pieces.push({ text: plain, hit: false });
      plain = '';
      pieces.push({ text: text.slice(i, i + m.length), hit: true });
      i += m.length;
    } else {
      plain += text[i];
      i++;
    }
  }
  if (plain) pieces.push({ text: plain, hit: false });
  return pieces;
}

/**
 * A tsvector literal with positions and weights, built here rather than by a text-search parser so
 * that the result does not depend on the server's locale (PGlite and PostgreSQL agree).
 * Weight A: the item's name; B: result, themes, departments; C: conditions and materials.
 */
export function tsvectorLiteral(parts: { A?: string[]; B?: string[]; C?: string[] }): string {
  const positions = new Map<string, string[]>();
  let pos = 1;
  for (const weight of ['A', 'B', 'C'] as const) {
    for (const word of parts[weight] ?? []) {
      if (pos > 16_383) break;
      const list = positions.get(word) ?? [];
      list.push(`${pos}${weight}`);
      positions.set(word, list);
      pos++;
    }
  }
  const quote = (w: string) => `'${w.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
  return [...positions].map(([w, p]) => `${quote(w)}:${p.join(',')}`).join(' ');
}
