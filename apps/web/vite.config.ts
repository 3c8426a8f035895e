import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

/** Paths the API answers itself; the service worker must never answer them with the app shell. */
const apiPaths = [/^\/graphql(?:[/?]|$)/, /^\/healthz(?:[/?]|$)/, /^\/readyz(?:[/?]|$)/];

export default defineConfig({
  plugins: [
    paraglideVitePlugin({
      project: './project.inlang',
      outdir: './src/lib/paraglide',
      // The locale is held in a rune and chosen by src/lib/i18n/locale.svelte.ts; paraglide's own
      // strategies (cookies, URL) are not used.
      strategy: ['globalVariable', 'baseLocale'],
    }),
    sveltekit(),
    SvelteKitPWA({
      strategies: 'generateSW',
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        id: '/',
        name: 'Clave',
        short_name: 'Clave',
        description: 'Key account management · Gestión de cuentas clave',
        lang: 'es',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: '#0b5d4b',
        background_color: '#f6f8f7',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      kit: { adapterFallback: 'index.html', spa: true },
      workbox: {
        globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,woff2,webmanifest}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: apiPaths,
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  server: {
    proxy: { '/graphql': 'http://localhost:3000' },
  },
  preview: {
    proxy: { '/graphql': 'http://localhost:3000' },
  },
  test: {
    include: ['src/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: '.vitest/results.json' }]],
  },
});
