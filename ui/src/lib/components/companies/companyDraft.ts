// Company form logic: the editable draft, client-side checks, the input sent to the API, and which field a
// server `invalid_input` message names.
import type { Address } from '$lib/bindings/Address';
import type { Company } from '$lib/bindings/Company';
import type { CompanyInput } from '$lib/bindings/CompanyInput';
import type { CompanyRole } from '$lib/bindings/CompanyRole';

export const ROLES: readonly CompanyRole[] = ['customer', 'supplier', 'prospect'];

export interface AddressDraft {
	label: string;
	street: string;
	postal_code: string;
	city: string;
	region: string;
	country: string;
}

export interface CompanyDraft {
	name: string;
	roles: CompanyRole[];
	tax_country: string;
	tax_id: string;
	addresses: AddressDraft[];
	website: string;
	payment_days: string;
	currency: string;
	notes: string;
}

/** The fields a problem can be shown next to. */
export type CompanyField = 'name' | 'tax_country' | 'tax_id' | 'addresses' | 'website' | 'payment_days' | 'currency' | 'notes';

export type CompanyProblem = 'required' | 'too_long' | 'country_shape' | 'currency_shape' | 'days_range' | 'website_shape';

export const MAX_PAYMENT_DAYS = 365;

export function emptyAddress(): AddressDraft {
	return { label: '', street: '', postal_code: '', city: '', region: '', country: '' };
}

export function draftFrom(c: Company | null): CompanyDraft {
	return {
		name: c?.name ?? '',
		roles: c ? [...c.roles] : [],
		tax_country: c?.tax_country ?? 'ES',
		tax_id: c?.tax_id ?? '',
		addresses: (c?.addresses ?? []).map((a) => ({
			label: a.label ?? '',
			street: a.street ?? '',
			postal_code: a.postal_code ?? '',
			city: a.city ?? '',
			region: a.region ?? '',
			country: a.country ?? ''
		})),
		website: c?.website ?? '',
		payment_days: c?.payment_days == null ? '' : String(c.payment_days),
		currency: c?.currency ?? '',
		notes: c?.notes ?? ''
	};
}

/** Problems the form can see before asking the server (which also checks NIF/CIF check digits). */
export function checkCompany(d: CompanyDraft): Partial<Record<CompanyField, CompanyProblem>> {
	const p: Partial<Record<CompanyField, CompanyProblem>> = {};
	const name = d.name.trim();
	if (name === '') p.name = 'required';
	else if (name.length > 200) p.name = 'too_long';
	const country = d.tax_country.trim();
	if (d.tax_id.trim() !== '' && country !== '' && !/^[A-Za-z]{2}$/u.test(country)) p.tax_country = 'country_shape';
	if (d.tax_id.trim().length > 40) p.tax_id = 'too_long';
	const days = d.payment_days.trim();
	if (days !== '' && (!/^\d+$/u.test(days) || Number(days) > MAX_PAYMENT_DAYS)) p.payment_days = 'days_range';
	const currency = d.currency.trim();
	if (currency !== '' && !/^[A-Za-z]{3}$/u.test(currency)) p.currency = 'currency_shape';
	const web = d.website.trim();
	if (web !== '' && (/\s/u.test(web) || !web.includes('.'))) p.website = 'website_shape';
	if (d.addresses.some((a) => a.country.trim() !== '' && !/^[A-Za-z]{2}$/u.test(a.country.trim())))
		p.addresses = 'country_shape';
	return p;
}

const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());

function addressIn(a: AddressDraft): Address {
	return {
		label: orNull(a.label),
		street: orNull(a.street),
		postal_code: orNull(a.postal_code),
		city: orNull(a.city),
		region: orNull(a.region),
		country: a.country.trim() === '' ? null : a.country.trim().toUpperCase()
	};
}

/** The API input: trimmed, empty text as null, blank address rows dropped, codes upper-cased. */
export function companyInput(d: CompanyDraft): CompanyInput {
	const taxId = orNull(d.tax_id);
	return {
		name: d.name.trim(),
		roles: ROLES.filter((r) => d.roles.includes(r)),
		tax_country: taxId === null ? null : (orNull(d.tax_country)?.toUpperCase() ?? null),
		tax_id: taxId,
		addresses: d.addresses.map(addressIn).filter((a) => Object.values(a).some((v) => v !== null)),
		website: orNull(d.website),
		payment_days: d.payment_days.trim() === '' ? null : Number(d.payment_days.trim()),
		currency: orNull(d.currency)?.toUpperCase() ?? null,
		notes: d.notes.trim() === '' ? null : d.notes
	};
}

/** The form field a server message ("tax_id: bad check digit") names, or null if none of ours. */
export function serverField(message: string): CompanyField | null {
	const m = /^\s*([a-z_]+)/u.exec(message);
	const field = m?.[1] ?? '';
	const known: CompanyField[] = ['name', 'tax_country', 'tax_id', 'addresses', 'website', 'payment_days', 'currency', 'notes'];
	if ((known as string[]).includes(field)) return field as CompanyField;
	if (field === 'address' || field === 'country' || field === 'postal_code' || field === 'city') return 'addresses';
	return null;
}

/** The server message without its leading field name ("tax_id: bad check digit" → "bad check digit"). */
export function serverDetail(message: string): string {
	return message.replace(/^\s*[a-z_[\]0-9.]+:\s*/u, '');
}
