// Unit tests of the list filter state: chips, clearing one, the API inputs per list.
import { describe, expect, it } from 'vitest';
import { activeKeys, emptyFilter, filterKey, isActive, toCompanyFilter, toContactFilter, toDealFilter, withoutKey } from './filterState';

describe('list filters', () => {
	it('an empty filter sorted by name is the default view', () => {
		const f = emptyFilter();
		expect(isActive(f)).toBe(false);
		expect(activeKeys(f)).toEqual([]);
		expect(toContactFilter(f)).toEqual({
			tag: null,
			field: null,
			last_contacted_before: null,
			last_contacted_after: null,
			company_id: null,
			sort: 'name'
		});
	});

	it('a sort other than name is active and shows a chip', () => {
		const f = { ...emptyFilter(), sort: 'last_contacted' as const };
		expect(isActive(f)).toBe(true);
		expect(activeKeys(f)).toEqual(['sort']);
		expect(withoutKey(f, 'sort').sort).toBe('name');
	});

	it('a field filter needs both the field and a value; whitespace is trimmed', () => {
		const f = { ...emptyFilter(), fieldId: '7', fieldName: 'Nivel', fieldValue: '   ' };
		expect(activeKeys(f)).toEqual([]);
		const g = { ...f, fieldValue: ' oro ', tag: ' vip ' };
		expect(activeKeys(g)).toEqual(['tag', 'field']);
		expect(toContactFilter(g).field).toEqual({ field: '7', value: 'oro' });
		expect(toContactFilter(g).tag).toBe('vip');
		const h = withoutKey(g, 'field');
		expect([h.fieldId, h.fieldName, h.fieldValue]).toEqual(['', '', '']);
		expect(h.tag).toBe(' vip ');
	});

	it('chips come in a fixed order and each clears alone', () => {
		const f = { ...emptyFilter(), after: '2026-01-01', before: '2026-02-01', role: 'customer' as const, stage: '3', tag: 'x' };
		expect(activeKeys(f)).toEqual(['tag', 'role', 'stage', 'before', 'after']);
		expect(activeKeys(withoutKey(f, 'role'))).toEqual(['tag', 'stage', 'before', 'after']);
		expect(withoutKey(f, 'before').after).toBe('2026-01-01');
	});

	it('builds each list’s input', () => {
		const f = { ...emptyFilter(), role: 'supplier' as const, stage: '4', before: '2026-03-01', sort: 'created' as const };
		expect(toCompanyFilter(f)).toMatchObject({ role: 'supplier', last_contacted_before: '2026-03-01', sort: 'created' });
		expect(toDealFilter(f)).toMatchObject({ stage: '4', company_id: null, contact_id: null, sort: 'created' });
		expect(toDealFilter(f, '9').stage).toBe('9');
		expect(toDealFilter(emptyFilter()).stage).toBeNull();
	});

	it('the key changes with what the list shows, not with the chip label', () => {
		const f = { ...emptyFilter(), fieldId: '1', fieldName: 'A', fieldValue: 'v' };
		expect(filterKey(f)).toBe(filterKey({ ...f, fieldName: 'B', fieldValue: ' v ' }));
		expect(filterKey(f)).not.toBe(filterKey({ ...f, fieldValue: 'w' }));
	});
});
