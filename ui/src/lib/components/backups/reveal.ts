// Svelte action: scrolls a message that just appeared into view (results and errors show below long forms).
export function reveal(node: HTMLElement): void {
	node.scrollIntoView?.({ block: 'nearest' });
}
