// Keyboard shortcuts shared by the list screens and the command palette: what a key press means, if anything.

/** True when the key event targets a text field (shortcuts made of plain letters must leave it alone). */
export function isEditable(target: EventTarget | null): boolean {
	const el = target as HTMLElement | null;
	if (!el || typeof el.tagName !== 'string') return false;
	return el.isContentEditable === true || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** The parts of a KeyboardEvent the helpers read (so tests can pass plain objects). */
export interface KeyLike {
	key: string;
	ctrlKey?: boolean;
	metaKey?: boolean;
	altKey?: boolean;
	shiftKey?: boolean;
	target?: EventTarget | null;
}

/** Ctrl+K or Cmd+K: open the command palette (from anywhere, text fields included). */
export function isPaletteKey(e: KeyLike): boolean {
	return (e.ctrlKey === true || e.metaKey === true) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k';
}

export type ListAction = 'next' | 'prev' | 'pageDown' | 'pageUp' | 'first' | 'last' | 'open' | 'new' | 'search';

/**
 * What a key means on a list screen: j/↓ next, k/↑ previous, PageDown/PageUp, Home/End, Enter opens, n or
 * Ctrl/Cmd+N new, / search. Null for anything else, and for plain keys typed into a text field.
 */
export function listAction(e: KeyLike): ListAction | null {
	const mod = e.ctrlKey === true || e.metaKey === true;
	if (mod && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'n') return 'new';
	if (mod || e.altKey || isEditable(e.target ?? null)) return null;
	switch (e.key) {
		case 'ArrowDown':
		case 'j':
			return 'next';
		case 'ArrowUp':
		case 'k':
			return 'prev';
		case 'PageDown':
			return 'pageDown';
		case 'PageUp':
			return 'pageUp';
		case 'Home':
			return 'first';
		case 'End':
			return 'last';
		case 'Enter':
			return 'open';
		case 'n':
		case 'N':
			return 'new';
		case '/':
			return 'search';
		default:
			return null;
	}
}

/** Whether some modal dialog is open (list shortcuts then belong to it). */
export function dialogOpen(): boolean {
	return typeof document !== 'undefined' && document.querySelector('dialog[open]') !== null;
}
