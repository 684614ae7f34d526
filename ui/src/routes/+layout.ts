// Layout options: a client-only SPA (no server rendering, no prerendering); the adapter writes index.html as fallback.
export const ssr = false;
export const prerender = false;
export const trailingSlash = 'ignore';
