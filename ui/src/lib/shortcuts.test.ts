// Unit tests for the keyboard shortcut mapping of list screens and the palette key.
import { describe, expect, it } from 'vitest';
import { isEditable, isPaletteKey, listAction } from './shortcuts';

const input = { tagName: 'INPUT' } as unknown as EventTarget;
const div = { tagName: 'DIV' } as unknown as EventTarget;

describe('listAction', () => {
	it('maps j/k and the arrows to next/previous', () => {
		expect(listAction({ key: 'j', target: div })).toBe('next');
		expect(listAction({ key: 'ArrowDown', target: div })).toBe('next');
		expect(listAction({ key: 'k', target: div })).toBe('prev');
		expect(listAction({ key: 'ArrowUp', target: div })).toBe('prev');
		expect(listAction({ key: 'Home' })).toBe('first');
		expect(listAction({ key: 'End' })).toBe('last');
		expect(listAction({ key: 'Enter' })).toBe('open');
	});

	it('n and Ctrl/Cmd+N add, / searches', () => {
		expect(listAction({ key: 'n' })).toBe('new');
		expect(listAction({ key: 'N' })).toBe('new');
		expect(listAction({ key: 'n', ctrlKey: true })).toBe('new');
		expect(listAction({ key: 'n', metaKey: true, target: input })).toBe('new');
		expect(listAction({ key: '/' })).toBe('search');
	});

	it('leaves plain keys typed into a field alone', () => {
		expect(listAction({ key: 'j', target: input })).toBeNull();
		expect(listAction({ key: 'n', target: input })).toBeNull();
		expect(listAction({ key: '/', target: input })).toBeNull();
		expect(listAction({ key: 'Enter', target: input })).toBeNull();
	});

	it('ignores other modified keys and unknown keys', () => {
		expect(listAction({ key: 'j', ctrlKey: true })).toBeNull();
		expect(listAction({ key: 'n', altKey: true })).toBeNull();
		expect(listAction({ key: 'x' })).toBeNull();
	});
});

describe('isPaletteKey / isEditable', () => {
	it('Ctrl+K and Cmd+K open the palette; plain K does not', () => {
		expect(isPaletteKey({ key: 'k', ctrlKey: true })).toBe(true);
		expect(isPaletteKey({ key: 'K', metaKey: true })).toBe(true);
		expect(isPaletteKey({ key: 'k' })).toBe(false);
		expect(isPaletteKey({ key: 'k', ctrlKey: true, shiftKey: true })).toBe(false);
	});

	it('knows text fields', () => {
		expect(isEditable(input)).toBe(true);
		expect(isEditable({ tagName: 'TEXTAREA' } as unknown as EventTarget)).toBe(true);
		expect(isEditable(div)).toBe(false);
		expect(isEditable(null)).toBe(false);
	});
});
