import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

/** Paths the API answers itself; the service worker must never answer them with the app shell. */
const apiPaths = [/^\/graphql(?:[/?]|$)/, /^\/healthz(?:[/?]|$)/, /^\/readyz(?:[/?]|$)/];

export default defineConfig({
  plugins: [
    // Under vitest the messages are compiled beforehand by the `test` script: the plugin's compiler
    // keeps vitest from exiting for several seconds.
    process.env.VITEST
      ? []
      : // Paraglide's locale strategies are left at their defaults and unused: src/lib/i18n/locale.svelte.ts
        // overrides getLocale/setLocale with a rune. Keep these options in step with the `messages` script.
        paraglideVitePlugin({ project: './project.inlang', outdir: './src/lib/paraglide' }),
    sveltekit(),
    SvelteKitPWA({
      // Absolute: the default './sw.js' resolves against the page, so a reload on a deep route
      // (/accounts/…) would register /accounts/sw.js — a 404 — with a scope that misses the app.
      base: '/',
      scope: '/',
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
        // The shell is the client build plus static/; index.html is added by `kit.spa`. Nothing is
        // prerendered, and an empty modifyURLPrefix keeps the plugin from adding its default
        // `prerendered/**` pattern (which would match nothing and warn on every build).
        globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,woff2,webmanifest}'],
        modifyURLPrefix: {},
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
    // test/: the fault-injection sync test (real API as a child process; a few minutes).
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: '.vitest/results.json' }]],
  },
});
