import { sql, type SQL } from 'drizzle-orm';

/**
 * A Postgres array parameter: one text literal cast to `type[]` (drizzle would expand a JS array
 * into a list of parameters, which `= any(...)` cannot take).
 */
export function arrayOf(values: readonly string[], type: 'uuid' | 'text' | 'date'): SQL {
  const literal = `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
  return sql`${literal}::${sql.raw(type)}[]`;
}
