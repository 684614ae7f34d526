// Passphrase strength scorer for the create-vault form: length, character classes and common-pattern penalties.

export type StrengthLevel = 'too_short' | 'weak' | 'fair' | 'good' | 'strong';
export type StrengthHint = 'too_short' | 'common' | 'repeat' | 'sequence' | 'one_class' | 'longer';

export interface Strength {
	/** 0 = too short, 1 weak, 2 fair, 3 good, 4 strong. */
	score: 0 | 1 | 2 | 3 | 4;
	level: StrengthLevel;
	/** Rough guessing entropy in bits after penalties. */
	bits: number;
	hints: StrengthHint[];
	/** True when the passphrase meets the minimum: MIN_LENGTH characters and at least "fair". */
	acceptable: boolean;
}

export const MIN_LENGTH = 10;

// Lower-cased fragments that attackers try first; each occurrence counts as a single character.
const COMMON = [
	'password', 'passw0rd', 'contraseña', 'contrasena', 'qwerty', 'azerty', 'asdf', 'zxcv', 'letmein', 'welcome',
	'bienvenido', 'iloveyou', 'teamo', 'admin', 'administrador', 'secret', 'secreto', 'sigilo', 'dragon', 'monkey',
	'football', 'futbol', 'baseball', 'master', 'login', 'abc123', 'princess', 'sunshine', 'shadow', 'superman',
	'hola', 'clave', 'usuario', 'user', 'test', 'prueba', 'changeme', 'default', 'madrid', 'barcelona'
];

const SEQUENCES = ['abcdefghijklmnopqrstuvwxyz', '0123456789', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'qwertzuiop'];

function codepoints(s: string): string[] {
	return Array.from(s);
}

/** Pool size from the character classes present. */
export function poolSize(s: string): { pool: number; classes: number } {
	let lower = false, upper = false, digit = false, symbol = false, other = false;
	for (const ch of codepoints(s)) {
		if (/[a-z]/.test(ch)) lower = true;
		else if (/[A-Z]/.test(ch)) upper = true;
		else if (/[0-9]/.test(ch)) digit = true;
		else if (/[\x20-\x7e]/.test(ch)) symbol = true;
		else other = true;
	}
	const pool = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (symbol ? 33 : 0) + (other ? 64 : 0);
	const classes = [lower, upper, digit, symbol, other].filter(Boolean).length;
	return { pool, classes };
}

/** Length of runs of a repeated character beyond the first (e.g. "aaaa" -> 3). */
function repeatedExtra(s: string): number {
	const cps = codepoints(s);
	let extra = 0;
	for (let i = 1; i < cps.length; i++) if (cps[i] === cps[i - 1]) extra++;
	return extra;
}

/** Characters that continue an ascending or descending keyboard/alphabet sequence of 3+. */
function sequenceExtra(lower: string): number {
	let extra = 0;
	let run = 1;
	for (let i = 1; i < lower.length; i++) {
		const a = lower[i - 1] ?? '';
		const b = lower[i] ?? '';
		const inSeq = SEQUENCES.some((seq) => {
			const ia = seq.indexOf(a);
			const ib = seq.indexOf(b);
			return ia >= 0 && ib >= 0 && Math.abs(ia - ib) === 1;
		});
		if (inSeq) {
			run++;
			if (run >= 3) extra += run === 3 ? 2 : 1;
		} else run = 1;
	}
	return extra;
}

/** Characters swallowed by common words and years (each match keeps the weight of one character). */
function commonExtra(lower: string): number {
	let extra = 0;
	let rest = lower;
	for (const word of [...COMMON].sort((a, b) => b.length - a.length)) {
		let idx = rest.indexOf(word);
		while (idx >= 0) {
			extra += word.length - 1;
			rest = rest.slice(0, idx) + '\u0000' + rest.slice(idx + word.length);
			idx = rest.indexOf(word);
		}
	}
	const years = rest.match(/(19|20)\d\d/g);
	if (years) extra += years.length * 3;
	return extra;
}

export function scorePassphrase(passphrase: string): Strength {
	const length = codepoints(passphrase).length;
	const lower = passphrase.toLowerCase();
	const hints: StrengthHint[] = [];
	const { pool, classes } = poolSize(passphrase);

	const rep = repeatedExtra(passphrase);
	const seq = sequenceExtra(lower);
	const com = commonExtra(lower);
	if (com > 0) hints.push('common');
	if (rep >= 3) hints.push('repeat');
	if (seq >= 3) hints.push('sequence');

	const effective = Math.max(0, length - rep - seq - com);
	let bits = pool > 1 ? effective * Math.log2(pool) : 0;
	if (classes === 1) {
		// A single class is easier to brute-force than the pool suggests only when short; words help.
		bits *= 0.9;
		if (length < 16) hints.push('one_class');
	}
	bits = Math.round(bits * 10) / 10;

	let score: Strength['score'];
	if (length < MIN_LENGTH) score = 0;
	else if (bits < 45) score = 1;
	else if (bits < 60) score = 2;
	else if (bits < 80) score = 3;
	else score = 4;

	if (length < MIN_LENGTH) hints.unshift('too_short');
	else if (score < 3) hints.push('longer');

	const levels: StrengthLevel[] = ['too_short', 'weak', 'fair', 'good', 'strong'];
	return { score, level: levels[score] ?? 'weak', bits, hints, acceptable: length >= MIN_LENGTH && score >= 2 };
}
