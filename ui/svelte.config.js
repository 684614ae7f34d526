// SvelteKit configuration: static SPA build (index.html fallback) that the Tauri shell loads from ui/build.
import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		runes: true
	},
	kit: {
		adapter: adapter({
			pages: 'build',
			assets: 'build',
			fallback: 'index.html',
			precompress: false,
			strict: true
		}),
		// Never inline scripts/styles as data: URLs and never reference a remote origin.
		inlineStyleThreshold: 0,
		version: { pollInterval: 0 }
	}
};

export default config;
