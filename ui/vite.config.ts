import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The app is served by Tauri from the embedded ui/dist at tauri://localhost/.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // One inline-free bundle: the CSP forbids inline scripts.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
