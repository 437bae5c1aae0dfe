import { z } from 'zod';
import { ZBilingual, ZConfidence } from './schema';

/**
 * Old → new article numbers when a law is renumbered (CSL 2016 → 2025), as data:
 * src/rules/penalty-mapping.json. Lets an old citation (Order 151 cites 2016 numbers) be shown
 * with today's number, and the tests check it against both versions' items and topics.
 */

const ZArticleRef = z.strictObject({
  article: z.string().regex(/^[1-9]\d*$/),
  clause: z.string().regex(/^[1-9]\d*$/).optional(),
});
export type ArticleRef = z.infer<typeof ZArticleRef>;

export const ZArticleMapping = z.strictObject({
  schemaVersion: z.literal(1),
  from: z.strictObject({ ruleSetId: z.string().min(1), version: z.string().min(1) }),
  to: z.strictObject({ ruleSetId: z.string().min(1), version: z.string().min(1) }),
  confidence: ZConfidence,
  note: ZBilingual.optional(),
  articles: z.array(z.strictObject({ from: ZArticleRef, to: ZArticleRef, topic: ZBilingual })).min(1),
});
export type ArticleMapping = z.infer<typeof ZArticleMapping>;

/**
 * The new article (and clause) for an old one. An exact article+clause row wins; otherwise the
 * article's row applies and the clause moves with it (21(3) → 23(3)). Null when unmapped.
 */
export function mapArticle(mapping: ArticleMapping, from: { article: string; clause?: string | null }): ArticleRef | null {
  const clause = from.clause ?? undefined;
  const exact = mapping.articles.find((row) => row.from.article === from.article && row.from.clause === clause);
  if (exact) return exact.to;
  const byArticle = mapping.articles.find((row) => row.from.article === from.article && row.from.clause === undefined);
  if (!byArticle) return null;
  if (clause === undefined || byArticle.to.clause !== undefined) return byArticle.to;
  return { article: byArticle.to.article, clause };
}
