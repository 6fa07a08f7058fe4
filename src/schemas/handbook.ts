import { z } from 'zod';
import { isoDate, isoDuration, slug } from './common.ts';

/**
 * The machine-checked house rules. They live in the style guide's front matter, so the page that
 * explains them and the linter that enforces them read the same words.
 */
export const houseRulesSchema = z.strictObject({
  bannedPhrases: z
    .array(
      z.strictObject({
        phrase: z.string().min(1),
        use: z.string().min(1).optional().meta({ description: 'What to write instead.' }),
        why: z.string().min(1).optional(),
      }),
    )
    .default([]),
  firstPerson: z
    .record(z.string().min(2), z.array(z.string().min(1)))
    .default({})
    .meta({ description: 'Per language, the first-person singular words we avoid (we speak as "we").' }),
  maxHashtags: z.int().nonnegative().optional(),
  ownDomains: z.array(z.string().min(1)).default([]).meta({ description: 'Our own sites, whose links need tracking.' }),
  trackingParameters: z.array(z.string().min(1)).default([]).meta({ examples: [['utm_source', 'utm_medium']] }),
  linkShorteners: z.array(z.string().min(1)).default([]).meta({ examples: [['bit.ly', 'tinyurl.com']] }),
  altText: z
    .strictObject({ minLength: z.int().nonnegative().default(1) })
    .default({ minLength: 1 }),
});
export type HouseRules = z.infer<typeof houseRulesSchema>;

export const handbookSchema = z.strictObject({
  title: z.string().trim().min(1),
  description: z.string().trim().min(1),
  owner: z.string().min(1).meta({ description: 'A role or GitHub login responsible for the page.', examples: ['Communications lead'] }),
  lastReviewed: isoDate,
  reviewEvery: isoDuration.meta({ examples: ['P1Y', 'P6M'] }),
  order: z.int().optional(),
  lang: z.string().min(2).optional().meta({ description: 'Language of this page when it differs from the site\'s.', examples: ['fa'] }),
  translationOf: slug.optional().meta({ description: 'The page this one translates.' }),
  houseRules: houseRulesSchema.optional().meta({ description: 'Only on the style guide: the rules validate enforces.' }),
});
export type HandbookFrontmatter = z.infer<typeof handbookSchema>;
