import { defineMiddleware } from 'astro:middleware';
import { heraldLocals } from '../site/locals.ts';

/** Gives every page and endpoint the site and its interface strings (src/site/locals.ts). */
export const onRequest = defineMiddleware(async ({ locals }, next) => {
  locals.herald = await heraldLocals();
  return next();
});
