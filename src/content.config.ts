// An organisation's src/content.config.ts is this one line, with 'herald/content' in place of the path.
export { collections } from './site/collections.ts';
