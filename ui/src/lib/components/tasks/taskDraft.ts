// Task form logic: the draft, its checks, the API input, and how a task's due date reads relative to today.
import type { TaskInput } from '$lib/bindings/TaskInput';
import type { TaskPriority } from '$lib/bindings/TaskPriority';

export const PRIORITIES: readonly TaskPriority[] = ['low', 'normal', 'high', 'urgent'];

/** A record a task links to, chosen in the picker (kind + id, with the name to show). */
export interface LinkChoice {
	kind: 'contact' | 'company';
	id: string;
	title: string;
}

export interface TaskDraft {
	title: string;
	due_date: string;
	due_time: string;
	priority: TaskPriority;
	link: LinkChoice | null;
	notes: string;
}

export type TaskProblem = 'required' | 'too_long' | 'date_shape' | 'time_shape';

export function newTaskDraft(today: string, link: LinkChoice | null = null): TaskDraft {
	return { title: '', due_date: today, due_time: '', priority: 'normal', link, notes: '' };
}

export function checkTask(d: TaskDraft): Partial<Record<'title' | 'due_date' | 'due_time', TaskProblem>> {
	const p: Partial<Record<'title' | 'due_date' | 'due_time', TaskProblem>> = {};
	const title = d.title.trim();
	if (title === '') p.title = 'required';
	else if (title.length > 300) p.title = 'too_long';
	if (d.due_date.trim() === '') p.due_date = 'required';
	else if (!/^\d{4}-\d{2}-\d{2}$/u.test(d.due_date.trim())) p.due_date = 'date_shape';
	const t = d.due_time.trim();
	if (t !== '' && !/^([01]\d|2[0-3]):[0-5]\d$/u.test(t)) p.due_time = 'time_shape';
	return p;
}

export function taskInput(d: TaskDraft): TaskInput {
	return {
		title: d.title.trim(),
		due_date: d.due_date.trim() || null,
		due_time: d.due_time.trim() || null,
		priority: d.priority,
		contact_id: d.link?.kind === 'contact' ? d.link.id : null,
		company_id: d.link?.kind === 'company' ? d.link.id : null,
		deal_id: null,
		notes: d.notes.trim() === '' ? null : d.notes
	};
}

/** Whole days from `today` to `due` (negative = overdue), both `YYYY-MM-DD`. */
export function daysUntil(due: string, today: string): number {
	const ms = (s: string) => {
		const [y, m, d] = s.split('-').map(Number);
		return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
	};
	return Math.round((ms(due) - ms(today)) / 86_400_000);
}
