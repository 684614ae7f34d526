// Vite configuration: SvelteKit plugin, fixed dev port for Tauri's devUrl, and vitest settings for pure-logic tests.
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	clearScreen: false,
	server: {
		port: 5173,
		strictPort: true,
		host: 'localhost'
	},
	build: {
		// Fonts and icons are bundled as files; nothing is fetched from a remote origin.
		assetsInlineLimit: 0,
		target: 'es2022'
	},
	test: {
		include: ['src/**/*.test.ts'],
		environment: 'node'
	}
});
