// Dates and times for the timeline and tasks: local defaults for inputs, calendar dates via Intl, day labels.

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of `d` in this computer's time zone. */
export function localDate(d: Date = new Date()): string {
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `YYYY-MM-DDTHH:MM` of `d` in local time: the value a `datetime-local` input takes (and the API reads as local). */
export function localDateTime(d: Date = new Date()): string {
	return `${localDate(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** `YYYY-MM-DD` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
	const [y, m, d] = date.split('-').map(Number);
	return localDate(new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
}

/** A calendar date (`YYYY-MM-DD`, no time zone) for people: "23/11/2026" in es-ES. Unparseable input comes back as is. */
export function formatDay(date: string, tag: string, withWeekday = false): string {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(date);
	if (!m) return date;
	const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
	return new Intl.DateTimeFormat(tag, {
		weekday: withWeekday ? 'short' : undefined,
		day: '2-digit',
		month: '2-digit',
		year: 'numeric'
	}).format(d);
}

/** The time of a UTC instant in local time ("09:05"). */
export function formatTime(iso: string, tag: string): string {
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return iso;
	return new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit' }).format(d);
}

/** Which local day a UTC instant falls on, relative to `now`: 'today', 'yesterday', or its `YYYY-MM-DD`. */
export function dayOf(iso: string, now: Date = new Date()): 'today' | 'yesterday' | string {
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return iso;
	const day = localDate(d);
	const today = localDate(now);
	if (day === today) return 'today';
	if (day === addDays(today, -1)) return 'yesterday';
	return day;
}

/** Consecutive items grouped under their local day (items are already newest first). */
export function groupByDay<T>(items: readonly T[], at: (item: T) => string, now: Date = new Date()): { day: string; items: T[] }[] {
	const out: { day: string; items: T[] }[] = [];
	for (const item of items) {
		const day = dayOf(at(item), now);
		const last = out[out.length - 1];
		if (last && last.day === day) last.items.push(item);
		else out.push({ day, items: [item] });
	}
	return out;
}
