// Unit tests for the backup screen helpers: suggested paths, the progress meter, byte and number formatting.
import { describe, expect, it } from 'vitest';
import {
	ProgressMeter,
	formatBytes,
	joinPath,
	parentDir,
	parseWhole,
	suggestedAutoFolder,
	suggestedBackupPath,
	suggestedRestoreDir
} from './backup';

describe('paths', () => {
	it('finds the parent folder with either separator', () => {
		expect(parentDir('/home/ana/.local/share/sigilo/vault')).toBe('/home/ana/.local/share/sigilo');
		expect(parentDir('/home/ana/vault/')).toBe('/home/ana');
		expect(parentDir('/vault')).toBe('/');
		expect(parentDir('C:\\Users\\Ana\\vault')).toBe('C:\\Users\\Ana');
		expect(parentDir('vault')).toBe('vault');
	});

	it('joins with the folder separator', () => {
		expect(joinPath('/home/ana', 'x')).toBe('/home/ana/x');
		expect(joinPath('/', 'x')).toBe('/x');
		expect(joinPath('C:\\Users', 'x')).toBe('C:\\Users\\x');
	});

	it('suggests names beside the vault', () => {
		const d = new Date(2026, 10, 3, 9, 5);
		expect(suggestedBackupPath('/data/sigilo/vault', d)).toBe('/data/sigilo/sigilo-2026-11-03.sigilobak');
		expect(suggestedRestoreDir('/data/sigilo/vault', d)).toBe('/data/sigilo/sigilo-restaurada-2026-11-03');
		expect(suggestedAutoFolder('/data/sigilo/vault')).toBe('/data/sigilo/sigilo-copias');
	});
});

describe('ProgressMeter', () => {
	it('reports percent and the stage rate, restarting at each stage', () => {
		const m = new ProgressMeter();
		const a = m.update({ stage: 'seal', done: 0, total: 10_000_000 }, 1000);
		expect(a.percent).toBe(0);
		expect(a.mbPerSec).toBeNull();
		const b = m.update({ stage: 'seal', done: 5_000_000, total: 10_000_000 }, 1500);
		expect(b.percent).toBe(50);
		expect(b.mbPerSec).toBeCloseTo(10, 5);
		const c = m.update({ stage: 'verify', done: 0, total: 10_000_000 }, 2000);
		expect(c.stage).toBe('verify');
		expect(c.mbPerSec).toBeNull();
		expect(m.update({ stage: 'verify', done: 10_000_000, total: 10_000_000 }, 3000).percent).toBe(100);
	});

	it('has no percent when the total is unknown', () => {
		expect(new ProgressMeter().update({ stage: 'snapshot', done: 5, total: 0 }, 0).percent).toBeNull();
	});
});

describe('formatting and parsing', () => {
	it('formats bytes', () => {
		expect(formatBytes(512, 'en-GB')).toBe('512 B');
		expect(formatBytes(1_500_000, 'en-GB')).toBe('1.5 MB');
		expect(formatBytes(1_500_000, 'es-ES')).toBe('1,5 MB');
		expect(formatBytes(250_000_000, 'en-GB')).toBe('250 MB');
	});

	it('parses whole numbers in range', () => {
		expect(parseWhole(' 7 ', 1, 1000)).toBe(7);
		expect(parseWhole('0', 1, 1000)).toBeNull();
		expect(parseWhole('0', 0, 240)).toBe(0);
		expect(parseWhole('7.5', 1, 1000)).toBeNull();
		expect(parseWhole('', 1, 1000)).toBeNull();
		expect(parseWhole('1001', 1, 1000)).toBeNull();
	});
});
