// Unit tests for the command palette: scoring, action ranking, grouping hits by kind, arrow-key stepping.
import { describe, expect, it } from 'vitest';
import type { SearchHit } from '$lib/bindings/SearchHit';
import { fold, groupHits, paletteGroups, rankActions, score, step, type PaletteAction } from './rank';

const actions: PaletteAction[] = [
	{ id: 'new-contact', label: 'Nuevo contacto', keywords: 'new contact person' },
	{ id: 'new-company', label: 'Nueva empresa', keywords: 'new company' },
	{ id: 'new-task', label: 'Nueva tarea', keywords: 'new task' },
	{ id: 'lock', label: 'Bloquear', keywords: 'lock' },
	{ id: 'go-companies', label: 'Ir a Empresas' }
];

const hit = (kind: SearchHit['kind'], id: string, title = id): SearchHit => ({ kind, id, title, subtitle: null });

describe('score', () => {
	it('prefers a prefix, then a word start, then a substring, then letters in order', () => {
		expect(score('nue', 'Nuevo contacto')).toBe(3);
		expect(score('cont', 'Nuevo contacto')).toBe(2);
		expect(score('tact', 'Nuevo contacto')).toBe(1);
		expect(score('nvc', 'Nuevo contacto')).toBe(0.5);
		expect(score('xyz', 'Nuevo contacto')).toBeNull();
	});

	it('ignores case and accents', () => {
		expect(fold('  Ñandú ')).toBe('nandu');
		expect(score('reunion', 'Reunión semanal')).toBe(3);
		expect(score('EMPRESA', 'Nueva empresa')).toBe(2);
	});

	it('needs every word of a multi-word query', () => {
		expect(score('nue emp', 'Nueva empresa')).toBe(2);
		expect(score('nue zzz', 'Nueva empresa')).toBeNull();
	});
});

describe('rankActions', () => {
	it('lists every action in order for an empty query', () => {
		expect(rankActions('', actions).map((r) => r.action.id)).toEqual(actions.map((a) => a.id));
	});

	it('ranks better matches first and matches keywords', () => {
		expect(rankActions('empresa', actions).map((r) => r.action.id)).toEqual(['new-company', 'go-companies']);
		expect(rankActions('lock', actions)[0]?.action.id).toBe('lock');
		expect(rankActions('bloq', actions).map((r) => r.action.id)).toEqual(['lock']);
	});
});

describe('grouping', () => {
	it('groups hits by kind in a fixed order, keeping backend order within a kind', () => {
		const hits = [hit('interaction', 'i1'), hit('contact', 'c1'), hit('company', 'e1'), hit('contact', 'c2')];
		const groups = groupHits(hits);
		expect(groups.map((g) => g.key)).toEqual(['contact', 'company', 'interaction']);
		expect(groups[0]?.entries.map((e) => (e.type === 'hit' ? e.hit.id : ''))).toEqual(['c1', 'c2']);
	});

	it('shows only actions for an empty query', () => {
		const { groups, flat } = paletteGroups('', actions, [hit('contact', 'c1')]);
		expect(groups.map((g) => g.key)).toEqual(['actions']);
		expect(flat.length).toBe(actions.length);
	});

	it('puts actions first when the query names one, after the records otherwise', () => {
		const hits = [hit('contact', 'c1', 'Nuria Empresas')];
		expect(paletteGroups('nueva', actions, hits).groups.map((g) => g.key)).toEqual(['actions', 'contact']);
		expect(paletteGroups('nuria', actions, hits).groups.map((g) => g.key)).toEqual(['contact']);
		const weak = paletteGroups('tact', actions, hits);
		expect(weak.groups.map((g) => g.key)).toEqual(['contact', 'actions']);
		expect(weak.flat[0]?.type).toBe('hit');
	});

	it('caps the actions shown for a query', () => {
		expect(paletteGroups('n', actions, [], 2).flat.length).toBe(2);
	});
});

describe('step', () => {
	it('wraps around and starts from either end', () => {
		expect(step(-1, 1, 4)).toBe(0);
		expect(step(-1, -1, 4)).toBe(3);
		expect(step(3, 1, 4)).toBe(0);
		expect(step(0, -1, 4)).toBe(3);
		expect(step(1, 1, 0)).toBe(-1);
	});
});
