// Spanish and English strings of the supplier agreements panel (company page) and the pipeline stages editor (Settings).
import type { StageKind } from '$lib/bindings/StageKind';
import type { AgreementProblem } from '../companies/agreementDraft';
import type { StageProblem } from './stages';

const agreementsEs = {
	title: 'Acuerdos con el proveedor',
	add: 'Añadir acuerdo',
	none: 'Sin acuerdos registrados.',
	notSupplier: 'Esta empresa no tiene el papel de proveedor; los acuerdos suelen ser con proveedores.',
	terms: 'Condiciones principales',
	termsHelp: 'En breve: qué se suministra y en qué plazo.',
	start: 'Inicio',
	end: 'Fin',
	renewal: 'Recordar la renovación el',
	conditions: 'Otras condiciones',
	from: (d: string) => `Desde ${d}`,
	until: (d: string) => `hasta ${d}`,
	noDates: 'Sin fechas',
	renewalOn: (d: string) => `Renovación: ${d}`,
	badge: { due: 'Renovar', soon: 'Renovación próxima' },
	dueTitle: 'El recordatorio de renovación ya ha llegado',
	newTitle: 'Nuevo acuerdo',
	editTitle: 'Editar acuerdo',
	create: 'Añadir',
	saveChanges: 'Guardar cambios',
	edit: (t: string) => `Editar el acuerdo «${t}»`,
	remove: (t: string) => `Eliminar el acuerdo «${t}»`,
	confirmTitle: '¿Eliminar este acuerdo?',
	confirmBody: (t: string) => `Se eliminará el acuerdo «${t}». No se puede deshacer.`,
	deleted: 'Acuerdo eliminado.',
	saved: 'Acuerdo guardado.',
	problem: {
		required: 'Escribe las condiciones principales.',
		too_long: 'Demasiado largo (máximo 1000 caracteres).',
		date_shape: 'Escribe una fecha válida.',
		end_before_start: 'El fin no puede ser anterior al inicio.'
	} satisfies Record<AgreementProblem, string>
};

const agreementsEn: typeof agreementsEs = {
	title: 'Supplier agreements',
	add: 'Add agreement',
	none: 'No agreements yet.',
	notSupplier: 'This company does not have the supplier role; agreements are usually with suppliers.',
	terms: 'Main terms',
	termsHelp: 'In short: what is supplied and on what terms.',
	start: 'Start',
	end: 'End',
	renewal: 'Remind me to renew on',
	conditions: 'Other conditions',
	from: (d) => `From ${d}`,
	until: (d) => `until ${d}`,
	noDates: 'No dates',
	renewalOn: (d) => `Renewal: ${d}`,
	badge: { due: 'Renew', soon: 'Renewal soon' },
	dueTitle: 'The renewal reminder has come',
	newTitle: 'New agreement',
	editTitle: 'Edit agreement',
	create: 'Add',
	saveChanges: 'Save changes',
	edit: (t) => `Edit the agreement “${t}”`,
	remove: (t) => `Delete the agreement “${t}”`,
	confirmTitle: 'Delete this agreement?',
	confirmBody: (t) => `The agreement “${t}” will be deleted. This cannot be undone.`,
	deleted: 'Agreement deleted.',
	saved: 'Agreement saved.',
	problem: {
		required: 'Type the main terms.',
		too_long: 'Too long (1000 characters at most).',
		date_shape: 'Type a valid date.',
		end_before_start: 'The end cannot be before the start.'
	}
};

const stagesEs = {
	title: 'Etapas del embudo',
	intro: 'El orden de las etapas es el de las columnas del tablero de oportunidades. Cada etapa da su probabilidad a las oportunidades que entran en ella.',
	name: 'Nombre',
	probability: 'Probabilidad (%)',
	kind: 'Tipo',
	kinds: { open: 'Abierta', won: 'Ganada', lost: 'Perdida' } satisfies Record<StageKind, string>,
	add: 'Añadir etapa',
	addTitle: 'Nueva etapa',
	save: 'Guardar',
	up: (n: string) => `Subir «${n}»`,
	down: (n: string) => `Bajar «${n}»`,
	edit: (n: string) => `Editar «${n}»`,
	remove: (n: string) => `Eliminar «${n}»`,
	confirmTitle: '¿Eliminar esta etapa?',
	confirmBody: (n: string) => `Se eliminará la etapa «${n}». Los movimientos pasados conservan su nombre.`,
	added: (n: string) => `Etapa «${n}» añadida al final.`,
	saved: (n: string) => `Etapa «${n}» guardada.`,
	moved: (n: string, pos: number) => `«${n}» es ahora la etapa ${pos}.`,
	deleted: (n: string) => `Etapa «${n}» eliminada.`,
	lastOfKind: 'Única etapa de su tipo: no se puede eliminar ni cambiar de tipo.',
	refused: {
		holdsDeals: 'Esta etapa tiene oportunidades: muévelas a otra etapa primero.',
		lastOfKind: 'El embudo necesita al menos una etapa abierta, una ganada y una perdida.',
		kindWithDeals: 'Una etapa con oportunidades no puede cambiar de tipo: muévelas primero.',
		nameTaken: 'Ya existe una etapa con ese nombre.',
		other: 'No está permitido.'
	},
	problem: {
		name_required: 'Escribe un nombre.',
		name_too_long: 'Demasiado largo (máximo 100 caracteres).',
		name_taken: 'Ya existe una etapa con ese nombre.',
		probability_range: 'Un número entero de 0 a 100.'
	} satisfies Record<StageProblem, string>
};

const stagesEn: typeof stagesEs = {
	title: 'Pipeline stages',
	intro: 'The stages’ order is the order of the deals board’s columns. A deal entering a stage takes its probability.',
	name: 'Name',
	probability: 'Probability (%)',
	kind: 'Kind',
	kinds: { open: 'Open', won: 'Won', lost: 'Lost' },
	add: 'Add stage',
	addTitle: 'New stage',
	save: 'Save',
	up: (n) => `Move “${n}” up`,
	down: (n) => `Move “${n}” down`,
	edit: (n) => `Edit “${n}”`,
	remove: (n) => `Delete “${n}”`,
	confirmTitle: 'Delete this stage?',
	confirmBody: (n) => `The stage “${n}” will be deleted. Past moves keep its name.`,
	added: (n) => `Stage “${n}” added at the end.`,
	saved: (n) => `Stage “${n}” saved.`,
	moved: (n, pos) => `“${n}” is now stage ${pos}.`,
	deleted: (n) => `Stage “${n}” deleted.`,
	lastOfKind: 'The only stage of its kind: it cannot be deleted or change kind.',
	refused: {
		holdsDeals: 'This stage holds deals: move them to another stage first.',
		lastOfKind: 'The pipeline needs at least one open, one won and one lost stage.',
		kindWithDeals: 'A stage holding deals cannot change kind: move them first.',
		nameTaken: 'A stage with that name already exists.',
		other: 'That is not allowed.'
	},
	problem: {
		name_required: 'Type a name.',
		name_too_long: 'Too long (100 characters at most).',
		name_taken: 'A stage with that name already exists.',
		probability_range: 'A whole number from 0 to 100.'
	}
};

export interface PipelineMessages {
	agreements: typeof agreementsEs;
	stages: typeof stagesEs;
}

export const pipelineMessagesEs: PipelineMessages = { agreements: agreementsEs, stages: stagesEs };
export const pipelineMessagesEn: PipelineMessages = { agreements: agreementsEn, stages: stagesEn };
