// The editable text fields of the business profile, in the order the form shows them.
import type { BusinessProfile } from '$lib/bindings/BusinessProfile';

export const PROFILE_FIELDS = [
	'legal_name',
	'tax_id',
	'tax_country',
	'street',
	'postal_code',
	'city',
	'region',
	'country',
	'currency',
	'iban',
	'email',
	'phone',
	'footer'
] as const satisfies readonly (keyof BusinessProfile)[];

export type ProfileField = (typeof PROFILE_FIELDS)[number];
