import { defineConfig } from 'astro/config';
import herald from './src/integration/index.ts';

// The Riverside example is built as every organisation's site is: through Herald's integration.
export default defineConfig({ integrations: [herald()] });
