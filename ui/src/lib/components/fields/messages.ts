// Spanish and English strings of custom fields (forms, detail pages, the field manager) and of the list filter bars.
import type { FieldKind } from '$lib/bindings/FieldKind';
import type { ListSort } from '$lib/bindings/ListSort';

const fieldsEs = {
	title: 'Campos personalizados',
	none: 'Sin campos personalizados.',
	add: 'Campo',
	addLong: 'Definir un campo personalizado',
	yes: 'Sí',
	no: 'No',
	unset: '—',
	kind: {
		text: 'Texto',
		number: 'Número',
		date: 'Fecha',
		choice: 'Lista de opciones',
		boolean: 'Sí / no'
	} satisfies Record<FieldKind, string>,
	define: {
		title: 'Nuevo campo personalizado',
		entity: { contact: 'para contactos', company: 'para empresas', deal: 'para oportunidades' } as Record<
			'contact' | 'company' | 'deal',
			string
		>,
		name: 'Nombre del campo',
		kindLabel: 'Tipo',
		choices: 'Opciones (una por línea o separadas por comas)',
		create: 'Crear campo',
		nameRequired: 'Escribe un nombre para el campo.',
		choicesRequired: 'Escribe al menos una opción.'
	},
	numberShape: 'Escribe un número (por ejemplo 12,5).',
	dateShape: 'Escribe una fecha válida.',
	savedSome: 'Los demás datos se han guardado; corrige el campo marcado.'
};

const fieldsEn: typeof fieldsEs = {
	title: 'Custom fields',
	none: 'No custom fields.',
	add: 'Field',
	addLong: 'Define a custom field',
	yes: 'Yes',
	no: 'No',
	unset: '—',
	kind: { text: 'Text', number: 'Number', date: 'Date', choice: 'Choice list', boolean: 'Yes / no' },
	define: {
		title: 'New custom field',
		entity: { contact: 'for contacts', company: 'for companies', deal: 'for deals' },
		name: 'Field name',
		kindLabel: 'Type',
		choices: 'Choices (one per line or comma-separated)',
		create: 'Create field',
		nameRequired: 'Type a name for the field.',
		choicesRequired: 'Type at least one choice.'
	},
	numberShape: 'Type a number (for example 12.5).',
	dateShape: 'Type a valid date.',
	savedSome: 'The rest was saved; fix the marked field.'
};

const filtersEs = {
	label: 'Filtros y orden',
	open: 'Filtrar',
	apply: 'Aplicar',
	clearAll: 'Quitar filtros',
	remove: (what: string) => `Quitar el filtro ${what}`,
	tag: 'Etiqueta',
	tagAny: 'Cualquiera',
	role: 'Papel',
	roleAny: 'Cualquiera',
	stage: 'Etapa',
	stageAny: 'Todas',
	field: 'Campo',
	fieldNone: 'Ninguno',
	fieldValue: 'Valor',
	before: 'Último contacto antes del',
	after: 'Último contacto después del',
	sort: 'Ordenar por',
	sorts: { name: 'Nombre', created: 'Fecha de alta', last_contacted: 'Último contacto' } satisfies Record<ListSort, string>,
	chipTag: (t: string) => `Etiqueta: ${t}`,
	chipRole: (r: string) => `Papel: ${r}`,
	chipStage: (s: string) => `Etapa: ${s}`,
	chipField: (f: string, v: string) => `${f}: ${v}`,
	chipBefore: (d: string) => `Contacto antes del ${d}`,
	chipAfter: (d: string) => `Contacto después del ${d}`,
	chipSort: (s: string) => `Orden: ${s}`,
	matches: (n: string, count: number, more: boolean) =>
		`${n}${more ? '+' : ''} ${count === 1 && !more ? 'coincide' : 'coinciden'}`,
	noMatches: 'Ningún registro cumple estos filtros.'
};

const filtersEn: typeof filtersEs = {
	label: 'Filters and order',
	open: 'Filter',
	apply: 'Apply',
	clearAll: 'Clear filters',
	remove: (what) => `Remove the filter ${what}`,
	tag: 'Tag',
	tagAny: 'Any',
	role: 'Role',
	roleAny: 'Any',
	stage: 'Stage',
	stageAny: 'All',
	field: 'Field',
	fieldNone: 'None',
	fieldValue: 'Value',
	before: 'Last contacted before',
	after: 'Last contacted after',
	sort: 'Sort by',
	sorts: { name: 'Name', created: 'Date added', last_contacted: 'Last contacted' },
	chipTag: (t) => `Tag: ${t}`,
	chipRole: (r) => `Role: ${r}`,
	chipStage: (s) => `Stage: ${s}`,
	chipField: (f, v) => `${f}: ${v}`,
	chipBefore: (d) => `Contacted before ${d}`,
	chipAfter: (d) => `Contacted after ${d}`,
	chipSort: (s) => `Sorted by ${s}`,
	matches: (n, count, more) => `${n}${more ? '+' : ''} ${count === 1 && !more ? 'match' : 'matches'}`,
	noMatches: 'No record matches these filters.'
};

/** Contact form extras: the addresses editor and the company link. */
const contactExtrasEs = {
	addresses: 'Direcciones',
	addAddress: 'Añadir dirección',
	removeAddress: (n: number) => `Quitar la dirección ${n}`,
	addressLabel: 'Etiqueta',
	street: 'Calle y número',
	postalCode: 'C. P.',
	city: 'Ciudad',
	region: 'Provincia',
	country: 'País (ES, FR…)',
	companyLink: 'Empresa (ficha)',
	companyLinkHelp: 'Enlazar con la ficha de una empresa guarda el historial de empresas del contacto.'
};

const contactExtrasEn: typeof contactExtrasEs = {
	addresses: 'Addresses',
	addAddress: 'Add address',
	removeAddress: (n) => `Remove address ${n}`,
	addressLabel: 'Label',
	street: 'Street and number',
	postalCode: 'Postcode',
	city: 'City',
	region: 'Region',
	country: 'Country (ES, FR…)',
	companyLink: 'Company (record)',
	companyLinkHelp: 'Linking to a company record keeps the contact’s company history.'
};

/** Deal edit: the form's title and button. */
const dealEditEs = { title: 'Editar oportunidad', save: 'Guardar cambios', lostNext: 'Para pasarla a perdida, indica el motivo.' };
const dealEditEn: typeof dealEditEs = { title: 'Edit deal', save: 'Save changes', lostNext: 'To mark it lost, give the reason.' };

export interface FieldsMessages {
	fields: typeof fieldsEs;
	filters: typeof filtersEs;
	contactExtras: typeof contactExtrasEs;
	dealEdit: typeof dealEditEs;
}

export const fieldsMessagesEs: FieldsMessages = {
	fields: fieldsEs,
	filters: filtersEs,
	contactExtras: contactExtrasEs,
	dealEdit: dealEditEs
};
export const fieldsMessagesEn: FieldsMessages = {
	fields: fieldsEn,
	filters: filtersEn,
	contactExtras: contactExtrasEn,
	dealEdit: dealEditEn
};
