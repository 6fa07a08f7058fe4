export { collections } from 'herald/content';
