// Unit tests of the pipeline stages editor logic: checks, input, moving up/down, last-of-kind and refusal reasons.
import { describe, expect, it } from 'vitest';
import type { Stage } from '$lib/bindings/Stage';
import { checkStage, lastOfKind, moveStage, nameKey, parseProbability, refusalReason, stageDraft, stageInput } from './stages';

const stages: Stage[] = [
	{ id: '1', name: 'Nuevo', probability: 10, kind: 'open' },
	{ id: '2', name: 'Negociación', probability: 75, kind: 'open' },
	{ id: '3', name: 'Ganado', probability: 100, kind: 'won' },
	{ id: '4', name: 'Perdido', probability: 0, kind: 'lost' }
];

describe('parseProbability', () => {
	it('takes whole numbers 0–100, with or without a percent sign', () => {
		expect(parseProbability('35')).toBe(35);
		expect(parseProbability(' 0 ')).toBe(0);
		expect(parseProbability('100 %')).toBe(100);
		expect(parseProbability('101')).toBeNull();
		expect(parseProbability('-1')).toBeNull();
		expect(parseProbability('12.5')).toBeNull();
		expect(parseProbability('')).toBeNull();
	});
});

describe('checkStage', () => {
	it('needs a name not taken (accents and case ignored) and a probability', () => {
		expect(checkStage({ name: 'Demo', probability: '35', kind: 'open' }, stages)).toEqual({});
		expect(checkStage({ name: ' ', probability: '', kind: 'open' }, stages)).toEqual({
			name: 'name_required',
			probability: 'probability_range'
		});
		expect(checkStage({ name: 'negociacion', probability: '50', kind: 'open' }, stages)).toEqual({ name: 'name_taken' });
		// Its own name is not taken when editing it.
		expect(checkStage({ name: 'NEGOCIACIÓN', probability: '50', kind: 'open' }, stages, '2')).toEqual({});
		expect(checkStage({ name: 'x'.repeat(101), probability: '5', kind: 'open' }, stages)).toEqual({ name: 'name_too_long' });
	});
	it('builds the API input', () => {
		expect(stageInput({ name: '  Demo ', probability: '35 %', kind: 'open' })).toEqual({ name: 'Demo', probability: 35, kind: 'open' });
		expect(stageInput(stageDraft(stages[2] ?? null))).toEqual({ name: 'Ganado', probability: 100, kind: 'won' });
		expect(nameKey(' Negociación ')).toBe('negociacion');
	});
});

describe('moveStage', () => {
	const ids = ['1', '2', '3', '4'];
	it('moves one place up or down', () => {
		expect(moveStage(ids, 3, -1)).toEqual(['1', '2', '4', '3']);
		expect(moveStage(ids, 0, 1)).toEqual(['2', '1', '3', '4']);
		expect(ids).toEqual(['1', '2', '3', '4']);
	});
	it('refuses to move past either end', () => {
		expect(moveStage(ids, 0, -1)).toBeNull();
		expect(moveStage(ids, 3, 1)).toBeNull();
		expect(moveStage(ids, 7, -1)).toBeNull();
	});
});

describe('refusals', () => {
	const byId = (id: string) => stages.find((s) => s.id === id) ?? null;
	it('knows the last stage of a kind', () => {
		expect(lastOfKind(stages[0] as Stage, stages)).toBe(false);
		expect(lastOfKind(stages[2] as Stage, stages)).toBe(true);
	});
	it('names why a delete or an update was refused', () => {
		expect(refusalReason('delete', stages, byId('3'), null)).toBe('lastOfKind');
		expect(refusalReason('delete', stages, byId('1'), null)).toBe('holdsDeals');
		expect(refusalReason('update', stages, byId('1'), { name: 'Nuevo', probability: '10', kind: 'won' })).toBe('kindWithDeals');
		expect(refusalReason('update', stages, byId('4'), { name: 'Perdido', probability: '0', kind: 'open' })).toBe('lastOfKind');
		expect(refusalReason('update', stages, byId('1'), { name: 'ganado', probability: '10', kind: 'open' })).toBe('nameTaken');
		expect(refusalReason('add', stages, null, { name: 'Nuevo', probability: '10', kind: 'open' })).toBe('nameTaken');
		expect(refusalReason('update', stages, byId('1'), { name: 'Nuevo', probability: '10', kind: 'open' })).toBe('other');
	});
});
