// Unit tests for the passphrase strength scorer.
import { describe, expect, it } from 'vitest';
import { scorePassphrase } from './strength';

describe('scorePassphrase', () => {
	it('rejects anything shorter than ten characters', () => {
		const s = scorePassphrase('Xk9!fQ2#z');
		expect(s.level).toBe('too_short');
		expect(s.acceptable).toBe(false);
		expect(s.hints).toContain('too_short');
	});

	it('penalises common words, repeats and sequences', () => {
		for (const weak of ['password123', 'aaaaaaaaaaaa', 'abcdefghijkl', '1234567890', 'qwertyuiop12', 'contraseña2024']) {
			const s = scorePassphrase(weak);
			expect(s.acceptable, weak).toBe(false);
		}
		expect(scorePassphrase('password123!').hints).toContain('common');
		expect(scorePassphrase('zzzzzzzzzzzz').hints).toContain('repeat');
		expect(scorePassphrase('abcdefghijkl').hints).toContain('sequence');
	});

	it('accepts long passphrases and mixed-class passwords', () => {
		expect(scorePassphrase('correct horse battery staple').level).toBe('strong');
		expect(scorePassphrase('caballo batería grapa').acceptable).toBe(true);
		expect(scorePassphrase('Tr0ub4dor&3x').acceptable).toBe(true);
		expect(scorePassphrase('mi perro come manzanas').score).toBeGreaterThanOrEqual(3);
	});

	it('is monotonic enough: adding words never lowers the score', () => {
		const a = scorePassphrase('lentejas verdes');
		const b = scorePassphrase('lentejas verdes con chorizo');
		expect(b.score).toBeGreaterThanOrEqual(a.score);
		expect(b.bits).toBeGreaterThan(a.bits);
	});

	it('handles the empty string and non-ASCII input', () => {
		expect(scorePassphrase('').score).toBe(0);
		expect(scorePassphrase('ñandú cigüeña pingüino').acceptable).toBe(true);
	});
});
