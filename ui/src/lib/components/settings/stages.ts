// Pipeline stages editor logic: the row draft and its checks, the API input, moving a stage up or down, and
// which client-side rules (the last stage of a kind) the editor can show before asking the server.
import type { Stage } from '$lib/bindings/Stage';
import type { StageInput } from '$lib/bindings/StageInput';
import type { StageKind } from '$lib/bindings/StageKind';

export const STAGE_KINDS: readonly StageKind[] = ['open', 'won', 'lost'];
/** The backend's limit on a stage name. */
export const MAX_STAGE_NAME = 100;

export interface StageDraft {
	name: string;
	probability: string;
	kind: StageKind;
}

export type StageProblem = 'name_required' | 'name_too_long' | 'name_taken' | 'probability_range';

export function stageDraft(s: Stage | null): StageDraft {
	return s ? { name: s.name, probability: String(s.probability), kind: s.kind } : { name: '', probability: '', kind: 'open' };
}

/** A whole number 0–100 ("35", " 35 ", "35 %"), else null. */
export function parseProbability(text: string): number | null {
	const t = text.trim().replace(/\s*%$/u, '');
	if (!/^\d{1,3}$/u.test(t)) return null;
	const n = Number(t);
	return n <= 100 ? n : null;
}

/** Accent- and case-insensitive key, as the backend compares stage names. */
export function nameKey(name: string): string {
	return name.trim().normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Problems of a draft against the other stages (`except`: the id of the stage being edited). */
export function checkStage(
	d: StageDraft,
	stages: readonly Stage[],
	except: string | null = null
): Partial<Record<'name' | 'probability', StageProblem>> {
	const p: Partial<Record<'name' | 'probability', StageProblem>> = {};
	const name = d.name.trim();
	if (name === '') p.name = 'name_required';
	else if ([...name].length > MAX_STAGE_NAME) p.name = 'name_too_long';
	else if (stages.some((s) => s.id !== except && nameKey(s.name) === nameKey(name))) p.name = 'name_taken';
	if (parseProbability(d.probability) === null) p.probability = 'probability_range';
	return p;
}

/** The API input of a draft that passed [`checkStage`]. */
export function stageInput(d: StageDraft): StageInput {
	return { name: d.name.trim(), probability: parseProbability(d.probability) ?? 0, kind: d.kind };
}

/** The stage ids in order with the one at `index` moved by `delta` (−1 up, +1 down); null when it cannot move. */
export function moveStage(ids: readonly string[], index: number, delta: -1 | 1): string[] | null {
	const to = index + delta;
	if (index < 0 || index >= ids.length || to < 0 || to >= ids.length) return null;
	const out = [...ids];
	const [moved] = out.splice(index, 1);
	out.splice(to, 0, moved as string);
	return out;
}

/** True when `s` is the only stage of its kind (the backend refuses deleting it or changing its kind). */
export function lastOfKind(s: Stage, stages: readonly Stage[]): boolean {
	return !stages.some((o) => o.id !== s.id && o.kind === s.kind);
}

/** Why the server refused (`refused`), read from what the editor knows rather than from the message's text. */
export type StageRefusal = 'holdsDeals' | 'lastOfKind' | 'kindWithDeals' | 'nameTaken' | 'other';

export function refusalReason(
	action: 'add' | 'update' | 'delete',
	stages: readonly Stage[],
	stage: Stage | null,
	draft: StageDraft | null
): StageRefusal {
	if (action === 'add') return 'nameTaken';
	if (!stage) return 'other';
	if (action === 'delete') return lastOfKind(stage, stages) ? 'lastOfKind' : 'holdsDeals';
	if (draft && stages.some((s) => s.id !== stage.id && nameKey(s.name) === nameKey(draft.name))) return 'nameTaken';
	if (draft && draft.kind !== stage.kind) return lastOfKind(stage, stages) ? 'lastOfKind' : 'kindWithDeals';
	return 'other';
}
