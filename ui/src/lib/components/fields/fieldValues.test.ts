// Unit tests of custom field value formatting, input texts, change detection and error matching.
import { describe, expect, it } from 'vitest';
import type { FieldDef } from '$lib/bindings/FieldDef';
import {
	changedValues,
	checkValue,
	displayValue,
	draftValues,
	errorIsAbout,
	fieldErrorText,
	formatDecimal,
	inputValue,
	parseChoices
} from './fieldValues';

const yn = { yes: 'Sí', no: 'No' };
const def = (id: string, name: string, kind: FieldDef['kind']): FieldDef => ({ id, entity: 'contact', name, kind, choices: [] });

describe('custom field values', () => {
	it('formats numbers exactly in the locale', () => {
		expect(formatDecimal('12.5', 'es-ES')).toBe('12,5');
		expect(formatDecimal('1234.05', 'es-ES')).toBe('1234,05');
		expect(formatDecimal('12345678.9', 'es-ES')).toBe('12.345.678,9');
		expect(formatDecimal('-1234.5', 'en-GB')).toBe('-1,234.5');
		expect(formatDecimal('0.1000000000000000055', 'en-GB')).toBe('0.1000000000000000055');
		expect(formatDecimal('not a number', 'es-ES')).toBe('not a number');
	});

	it('shows each kind', () => {
		expect(displayValue('date', '2026-11-23', 'es-ES', yn)).toBe('23/11/2026');
		expect(displayValue('boolean', 'true', 'es-ES', yn)).toBe('Sí');
		expect(displayValue('boolean', 'false', 'es-ES', yn)).toBe('No');
		expect(displayValue('choice', 'Oro', 'es-ES', yn)).toBe('Oro');
		expect(displayValue('text', ' a ', 'es-ES', yn)).toBe(' a ');
		expect(displayValue('number', '3', 'es-ES', yn)).toBe('3');
	});

	it('starts inputs from the stored value', () => {
		expect(inputValue('number', '12.5', 'es-ES')).toBe('12,5');
		expect(inputValue('number', '12.5', 'en-GB')).toBe('12.5');
		expect(inputValue('date', '2026-01-02', 'es-ES')).toBe('2026-01-02');
		expect(inputValue('text', undefined, 'es-ES')).toBe('');
		const defs = [def('1', 'Nivel', 'choice'), def('2', 'Visitas', 'number')];
		expect(draftValues(defs, [{ field_id: '2', name: 'Visitas', kind: 'number', value: '4.25' }], 'es-ES')).toEqual({ '1': '', '2': '4,25' });
	});

	it('checks numbers and dates before the backend', () => {
		expect(checkValue('number', '12,5')).toBeNull();
		expect(checkValue('number', '-3')).toBeNull();
		expect(checkValue('number', '')).toBeNull();
		expect(checkValue('number', 'doce')).toBe('number');
		expect(checkValue('number', '1.234,5')).toBe('number');
		expect(checkValue('date', '2026-02-30')).toBeNull();
		expect(checkValue('date', '30/02/2026')).toBe('date');
		expect(checkValue('text', 'anything')).toBeNull();
	});

	it('sends only what changed; an emptied field clears', () => {
		const defs = [def('1', 'A', 'text'), def('2', 'B', 'number'), def('3', 'C', 'boolean')];
		const loaded = { '1': 'x', '2': '3', '3': '' };
		expect(changedValues(defs, loaded, { '1': 'x ', '2': '', '3': 'true' })).toEqual([
			{ field: '2', value: null },
			{ field: '3', value: 'true' }
		]);
		expect(changedValues(defs, loaded, { ...loaded })).toEqual([]);
	});

	it('matches the backend message to its field', () => {
		const msg = 'custom_fields: Nivel: "Bronce" is not one of: Oro, Plata';
		expect(errorIsAbout(msg, 'Nivel')).toBe(true);
		expect(errorIsAbout(msg, 'nivel')).toBe(true);
		expect(errorIsAbout(msg, 'Niv')).toBe(false);
		expect(errorIsAbout('Visitas: "x" is not a number such as 12.5', 'Visitas')).toBe(true);
		expect(fieldErrorText(msg)).toBe('Nivel: "Bronce" is not one of: Oro, Plata');
	});

	it('parses choices', () => {
		expect(parseChoices('Oro\n Plata ,Bronce\n\nOro')).toEqual(['Oro', 'Plata', 'Bronce']);
	});
});
