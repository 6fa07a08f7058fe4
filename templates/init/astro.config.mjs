import { defineConfig } from 'astro/config';
import herald from 'herald';

export default defineConfig({ integrations: [herald()] });
