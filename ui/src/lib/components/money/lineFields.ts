// Names and editor controls of a document line's fields, shared by the line editor and the invoice editor's server messages.
import type { Messages } from '$lib/i18n/index.svelte';

/** The field's name as the user sees it ("Cantidad"), or the field itself when it has none. */
export function lineFieldName(field: string, m: Messages): string {
	const names: Record<string, string> = {
		description: m.invoices.lineDescription,
		quantity: m.invoices.lineQuantity,
		unit_price: m.invoices.linePrice,
		discount: m.invoices.lineDiscount,
		tax_rate: m.invoices.lineTax,
		surcharge: m.invoices.surcharge,
		exemption_reason: m.invoices.exemptionReason
	};
	return names[field] ?? field;
}

/** Which control of a line (the suffix of its id: qty, price, discount, tax) a client-side problem belongs to. */
export const LINE_CONTROL: Readonly<Record<string, string>> = {
	quantity: 'qty',
	unit_price: 'price',
	discount: 'discount',
	tax_rate: 'tax',
	surcharge: 'tax',
	exemption_reason: 'tax'
};
