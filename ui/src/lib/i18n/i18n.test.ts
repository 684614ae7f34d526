// Unit tests for i18n: both dictionaries have the same keys, no empty strings, and locale detection.
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { es } from './es';
import { systemLocale } from './index.svelte';

type Tree = { [k: string]: unknown };

function leaves(obj: Tree, prefix = ''): Map<string, unknown> {
	const out = new Map<string, unknown>();
	for (const [k, v] of Object.entries(obj)) {
		const key = prefix ? `${prefix}.${k}` : k;
		if (v && typeof v === 'object') for (const [kk, vv] of leaves(v as Tree, key)) out.set(kk, vv);
		else out.set(key, v);
	}
	return out;
}

describe('dictionaries', () => {
	const a = leaves(es as unknown as Tree);
	const b = leaves(en as unknown as Tree);

	it('have exactly the same keys', () => {
		expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
	});

	it('have the same kind of value for each key and no empty strings', () => {
		for (const [key, value] of a) {
			expect(typeof b.get(key), key).toBe(typeof value);
			if (typeof value === 'string') {
				expect(value.trim(), `es ${key}`).not.toBe('');
				expect(String(b.get(key)).trim(), `en ${key}`).not.toBe('');
			}
		}
	});

	it('format plural counts', () => {
		expect(es.contacts.count('1', 1)).toBe('1 contacto');
		expect(es.contacts.count('1.234', 1234)).toBe('1.234 contactos');
		expect(en.contacts.count('2', 2)).toBe('2 contacts');
	});
});

describe('systemLocale', () => {
	it('follows the first es/en tag and falls back to English', () => {
		expect(systemLocale(['es-ES', 'en'])).toBe('es');
		expect(systemLocale(['es_MX'])).toBe('es');
		expect(systemLocale(['de-DE', 'es'])).toBe('es');
		expect(systemLocale(['en-US'])).toBe('en');
		expect(systemLocale(['fr-FR'])).toBe('en');
		expect(systemLocale([])).toBe('en');
	});
});
