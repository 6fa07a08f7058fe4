import { z } from 'zod';
import { isoDate, isoDuration, localeTag, slug } from './common.ts';

/**
 * The machine-checked house rules. They live in the style guide's front matter, so the page that
 * explains them and the linter that enforces them read the same words.
 */
export const houseRulesSchema = z.strictObject({
  bannedPhrases: z
    .array(
      z.strictObject({
        phrase: z.string().min(1).meta({ description: 'Word or phrase we do not use.' }),
        use: z.string().min(1).optional().meta({ description: 'What to write instead.' }),
        why: z.string().min(1).optional().meta({ description: 'The reason, shown with the finding.' }),
      }),
    )
    .default([])
    .meta({ description: 'Words and phrases we avoid, with what to write instead.' }),
  firstPerson: z
    .record(z.string().min(2), z.array(z.string().min(1)))
    .default({})
    .meta({ description: 'Per language, the first-person singular words we avoid (we speak as "we").' }),
  maxHashtags: z.int().nonnegative().optional().meta({ description: 'Most hashtags in one post.' }),
  ownDomains: z.array(z.string().min(1)).default([]).meta({ description: 'Our own sites, whose links need tracking.' }),
  trackingParameters: z
    .array(z.string().min(1))
    .default([])
    .meta({ description: 'Query parameters every link to our own domains must carry.', examples: [['utm_source', 'utm_medium']] }),
  linkShorteners: z
    .array(z.string().min(1))
    .default([])
    .meta({ description: 'Domains of link shorteners, which hide where a link goes.', examples: [['bit.ly', 'tinyurl.com']] }),
  altText: z
    .strictObject({ minLength: z.int().nonnegative().default(1).meta({ description: 'Shortest useful alt text, in characters.' }) })
    .default({ minLength: 1 }),
  video: z
    .strictObject({
      minSeconds: z.number().nonnegative().optional().meta({ description: 'Shortest video, in seconds.', examples: [30] }),
      maxSeconds: z.number().positive().optional().meta({ description: 'Longest video, in seconds.', examples: [50] }),
    })
    .optional()
    .meta({ description: 'How long our videos are; each network\'s own limits are checked anyway.' }),
});
export type HouseRules = z.infer<typeof houseRulesSchema>;

export const handbookSchema = z.strictObject({
  title: z.string().trim().min(1).meta({ description: 'Page title.' }),
  description: z.string().trim().min(1).meta({ description: 'One sentence on what the page is for; shown in navigation and search.' }),
  owner: z.string().min(1).meta({ description: 'A role or GitHub login responsible for the page.', examples: ['Communications lead'] }),
  lastReviewed: isoDate.meta({ description: 'When the owner last checked the page.', examples: ['2026-09-15'] }),
  reviewEvery: isoDuration.meta({ description: 'How often the page must be reviewed.', examples: ['P1Y', 'P6M'] }),
  order: z.int().optional().meta({ description: 'Position in the navigation; lower first.' }),
  lang: localeTag.optional().meta({ description: 'Language of this page when it differs from the site\'s.', examples: ['fa'] }),
  translationOf: slug.optional().meta({ description: 'The page this one translates.' }),
  houseRules: houseRulesSchema.optional().meta({ description: 'Only on the style guide: the rules validate enforces.' }),
});
export type HandbookFrontmatter = z.infer<typeof handbookSchema>;
