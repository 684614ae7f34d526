// Unit tests for formatting helpers.
import { describe, expect, it } from 'vitest';
import { folderName, formatCount, formatDateTime, normalizeRecoveryCode, pushRecent, recoveryGroups } from './format';

describe('formatCount', () => {
	it('groups thousands by locale', () => {
		expect(formatCount(100000, 'es-ES')).toBe('100.000');
		expect(formatCount(100000, 'en-GB')).toBe('100,000');
	});
});

describe('formatDateTime', () => {
	it('formats ISO timestamps in the locale and passes bad input through', () => {
		expect(formatDateTime('2026-11-23T10:05:00Z', 'es-ES')).toMatch(/^23\/11\/2026/);
		expect(formatDateTime('not a date', 'es-ES')).toBe('not a date');
	});
});

describe('recovery codes', () => {
	it('splits and normalises groups', () => {
		expect(recoveryGroups('ABCD-EFGH-IJKL')).toEqual(['ABCD', 'EFGH', 'IJKL']);
		expect(normalizeRecoveryCode(' abcd efgh-ijkl ')).toBe('ABCD-EFGH-IJKL');
	});
});

describe('paths and recents', () => {
	it('takes the folder name', () => {
		expect(folderName('/home/ana/.local/share/sigilo/vault/')).toBe('vault');
		expect(folderName('C:\\Users\\ana\\Sigilo')).toBe('Sigilo');
	});

	it('keeps recent vaults unique and bounded', () => {
		const a = { path: '/a', name: 'a' };
		const b = { path: '/b', name: 'b' };
		expect(pushRecent([a, b], b)).toEqual([b, a]);
		expect(pushRecent([a], b, 1)).toEqual([b]);
	});
});
