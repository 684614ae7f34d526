// Unit tests for the task form helpers: checks, the API input with its link, days until due.
import { describe, expect, it } from 'vitest';
import { checkTask, daysUntil, newTaskDraft, taskInput } from './taskDraft';

describe('task draft', () => {
	it('needs a title and a due date; a time is optional but shaped', () => {
		const d = newTaskDraft('2026-06-10');
		expect(checkTask(d)).toEqual({ title: 'required' });
		d.title = 'Llamar a Ana';
		d.due_time = '9:5';
		expect(checkTask(d)).toEqual({ due_time: 'time_shape' });
		d.due_time = '09:05';
		d.due_date = '';
		expect(checkTask(d)).toEqual({ due_date: 'required' });
	});

	it('links the chosen contact or company', () => {
		const d = newTaskDraft('2026-06-10', { kind: 'company', id: '7', title: 'Talleres Ruiz' });
		d.title = '  Enviar presupuesto ';
		expect(taskInput(d)).toEqual({
			title: 'Enviar presupuesto',
			due_date: '2026-06-10',
			due_time: null,
			priority: 'normal',
			contact_id: null,
			company_id: '7',
			deal_id: null,
			notes: null
		});
		d.link = { kind: 'contact', id: '3', title: 'Ana' };
		expect(taskInput(d).contact_id).toBe('3');
		expect(taskInput(d).company_id).toBeNull();
	});

	it('counts days until due across months', () => {
		expect(daysUntil('2026-07-01', '2026-06-30')).toBe(1);
		expect(daysUntil('2026-06-28', '2026-06-30')).toBe(-2);
		expect(daysUntil('2026-06-30', '2026-06-30')).toBe(0);
	});
});
