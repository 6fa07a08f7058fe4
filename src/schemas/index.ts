/**
 * `herald/schemas`: the file formats as zod schemas, with their types (z.infer). The same
 * definitions Herald validates with; schemas/*.schema.json are made from them for editors.
 */
export * from './common.ts';
export * from './config.ts';
export * from './handbook.ts';
export * from './ledger.ts';
export * from './post.ts';
