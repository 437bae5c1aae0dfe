import { z } from 'zod';

/**
 * A list in a query string: `status=a,b` or repeated `status=a&status=b`, trimmed, empties dropped,
 * each item checked by `item`, at most `max` items.
 */
export function queryList<T extends z.ZodType<string, string>>(item: T, max: number) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item).max(max));
}
