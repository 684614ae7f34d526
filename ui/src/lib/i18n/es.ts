// Spanish dictionary: the reference shape for every other language (see Messages below).
import type { BackupKeyMode } from '$lib/bindings/BackupKeyMode';
import type { BackupStage } from '$lib/bindings/BackupStage';
import type { ContactSource } from '$lib/bindings/ContactSource';
import type { ErrorCode } from '$lib/bindings/ErrorCode';
import type { StrengthHint, StrengthLevel } from '$lib/strength';
import type { FieldProblem } from '$lib/validate';
import type { CompanyRole } from '$lib/bindings/CompanyRole';
import type { Direction } from '$lib/bindings/Direction';
import type { InteractionKind } from '$lib/bindings/InteractionKind';
import type { SearchKind } from '$lib/bindings/SearchKind';
import type { TaskPriority } from '$lib/bindings/TaskPriority';
import type { TaskView } from '$lib/bindings/TaskView';
import type { CompanyProblem } from '$lib/components/companies/companyDraft';
import type { TaskProblem } from '$lib/components/tasks/taskDraft';
import { invoicingEs, type InvoicingMessages } from '$lib/components/invoices/messages';
import { moneyEs, type MoneyMessages } from '$lib/components/reports/messages';
import { fieldsMessagesEs, type FieldsMessages } from '$lib/components/fields/messages';
import { pipelineMessagesEs, type PipelineMessages } from '$lib/components/settings/messages';

export type Section =
	| 'home'
	| 'contacts'
	| 'companies'
	| 'deals'
	| 'tasks'
	| 'invoices'
	| 'quotes'
	| 'expenses'
	| 'reports'
	| 'privacy'
	| 'backups'
	| 'settings';

export interface Messages extends FieldsMessages, PipelineMessages {
	languageName: string;
	common: {
		choose: string;
		chooseTitle: Record<'folder' | 'backup-open' | 'backup-save' | 'pdf' | 'csv' | 'document', string>;
		cancel: string;
		save: string;
		saving: string;
		saved: string;
		delete: string;
		edit: string;
		back: string;
		copy: string;
		copied: string;
		loading: string;
		show: string;
		hide: string;
		optional: string;
	};
	nav: Record<Section, string> & { main: string; lock: string; lockTitle: string; vault: string };
	soon: { title: string; body: Record<Exclude<Section, 'contacts' | 'settings' | 'backups'>, string> };
	unlock: {
		titleUnlock: string;
		titleCreate: string;
		intro: string;
		folder: string;
		folderHint: string;
		choose: string;
		passphrase: string;
		recoveryCode: string;
		recoveryCodeHint: string;
		useRecoveryCode: string;
		submit: string;
		busy: string;
		openOther: string;
		createNew: string;
		recent: string;
		noVaultHere: string;
		createHere: string;
		vaultExistsHere: string;
		openIt: string;
		wrongPassphrase: string;
		wrongRecoveryCode: string;
		recoveryTypo: string;
		folderRequired: string;
		secretRequired: string;
	};
	create: {
		passphrase: string;
		confirm: string;
		mismatch: string;
		requirement: string;
		submit: string;
		busy: string;
		forgetWarning: string;
		strengthLabel: string;
		level: Record<StrengthLevel, string>;
		hint: Record<StrengthHint, string>;
		notAcceptable: string;
	};
	recovery: {
		title: string;
		intro: string;
		warning: string;
		copy: string;
		copied: string;
		copyFailed: string;
		stored: string;
		continue: string;
	};
	contacts: {
		title: string;
		count: (n: string, raw: number) => string;
		search: string;
		searchPlaceholder: string;
		searchResults: string;
		noHits: (q: string) => string;
		searching: string;
		new: string;
		colName: string;
		colEmail: string;
		colPhone: string;
		colCompany: string;
		emptyTitle: string;
		emptyBody: string;
		addFirst: string;
		demoHint: string;
		demoLoad: string;
		demoLoading: (done: number, total: number) => string;
		keys: string;
		listLabel: string;
	};
	form: {
		titleNew: string;
		titleEdit: string;
		name: string;
		emails: string;
		email: (i: number) => string;
		addEmail: string;
		removeEmail: (i: number) => string;
		phones: string;
		phone: (i: number) => string;
		addPhone: string;
		removePhone: (i: number) => string;
		emailLabel: (i: number) => string;
		phoneLabel: (i: number) => string;
		labelPlaceholder: string;
		jobTitle: string;
		birthday: string;
		source: string;
		sourceNone: string;
		sourceDetail: string;
		company: string;
		notes: string;
		problem: Record<FieldProblem, string>;
		fixErrors: string;
		serverRejected: string;
	};
	source: Record<ContactSource, string>;
	detail: {
		emails: string;
		phones: string;
		company: string;
		notes: string;
		jobTitle: string;
		birthday: string;
		source: string;
		addresses: string;
		history: string;
		historyNow: string;
		created: string;
		updated: string;
		none: string;
		confirmTitle: (name: string) => string;
		confirmBody: string;
		confirmDelete: string;
		notFound: string;
	};
	companies: {
		title: string;
		count: (n: string, raw: number, more: boolean) => string;
		new: string;
		listLabel: string;
		colName: string;
		colRoles: string;
		colTaxId: string;
		colLast: string;
		filterLabel: string;
		all: string;
		role: Record<CompanyRole, string>;
		emptyTitle: string;
		emptyBody: string;
		emptyFiltered: string;
		addFirst: string;
		keys: string;
		titleNew: string;
		titleEdit: string;
		name: string;
		roles: string;
		taxCountry: string;
		taxCountryHelp: string;
		taxId: string;
		taxIdHelp: string;
		taxIdInvalid: string;
		addresses: string;
		address: (i: number) => string;
		addAddress: string;
		removeAddress: (i: number) => string;
		addrLabel: string;
		street: string;
		postalCode: string;
		city: string;
		region: string;
		country: string;
		website: string;
		billing: string;
		paymentDays: string;
		currency: string;
		currencyHelp: string;
		notes: string;
		problem: Record<CompanyProblem, string>;
		fixErrors: string;
		serverRejected: string;
		formKeys: string;
		billingValue: (days: number | null, currency: string | null) => string;
		contacts: string;
		linked: (contacts: number, deals: number) => string;
		linkContact: string;
		linkContactPlaceholder: string;
		linkedDone: (name: string) => string;
		tags: string;
		addTag: string;
		tagPlaceholder: string;
		removeTag: (name: string) => string;
		lastContact: string;
		never: string;
		created: string;
		updated: string;
		notFound: string;
		deleteTitle: (name: string) => string;
		deleteBody: string;
		refusedBody: (contacts: number, deals: number) => string;
		cascade: string;
		detach: string;
	};
	timeline: {
		title: string;
		listLabel: string;
		empty: string;
		loadMore: string;
		log: string;
		kind: Record<InteractionKind, string>;
		direction: Record<Direction, string>;
		today: string;
		yesterday: string;
		logTitle: string;
		kindLabel: string;
		directionLabel: string;
		at: string;
		subject: string;
		body: string;
		save: string;
		subjectRequired: string;
		atRequired: string;
		logged: string;
	};
	tasks: {
		title: string;
		tabsLabel: string;
		view: Record<TaskView, string>;
		empty: Record<TaskView, string>;
		new: string;
		listLabel: string;
		priority: Record<TaskPriority, string>;
		priorityLabel: string;
		complete: (title: string) => string;
		completed: (title: string) => string;
		remove: (title: string) => string;
		confirmDeleteTitle: (title: string) => string;
		confirmDeleteBody: string;
		deleted: string;
		taskTitle: string;
		due: string;
		time: string;
		link: string;
		linkPlaceholder: string;
		unlink: string;
		notes: string;
		problem: Record<TaskProblem, string>;
		fixErrors: string;
		titleNew: string;
		dueToday: string;
		dueIn: (days: number) => string;
		overdueBy: (days: number) => string;
		logTitle: string;
		logBody: (title: string) => string;
		logKind: string;
		logNote: string;
		logSave: string;
		logSkip: string;
		keys: string;
	};
	palette: {
		label: string;
		placeholder: string;
		group: Record<'actions' | SearchKind, string>;
		newContact: string;
		newCompany: string;
		newTask: string;
		newDeal: string;
		newInvoice: string;
		newQuote: string;
		lock: string;
		goTo: (section: string) => string;
		noHits: (q: string) => string;
		searching: string;
		hint: string;
		open: string;
		pickerNoHits: string;
	};
	settings: {
		title: string;
		language: string;
		languageSystem: string;
		autoLock: string;
		autoLockHelp: string;
		autoLockRange: string;
		saved: string;
		vault: string;
		vaultPath: string;
	};
	backups: {
		title: string;
		nowTitle: string;
		nowIntro: string;
		file: string;
		fileHelp: string;
		ownPassphrase: string;
		vaultKeyHelp: string;
		passphrase: string;
		confirm: string;
		mismatch: string;
		create: string;
		creating: string;
		created: string;
		stage: Record<BackupStage, string>;
		progressLabel: string;
		rate: (mbs: string) => string;
		verifyTitle: string;
		verifyIntro: string;
		secret: string;
		secretHelp: string;
		recoveryCode: string;
		useRecoveryCode: string;
		verify: string;
		verifying: string;
		verified: string;
		restoreTitle: string;
		restoreIntro: string;
		restoreTo: string;
		restoreToHelp: string;
		replace: string;
		replaceHelp: string;
		review: string;
		reviewing: string;
		infoTitle: string;
		infoCreated: string;
		infoSize: string;
		infoKey: string;
		keyMode: Record<BackupKeyMode, string>;
		warningNew: string;
		warningReplace: string;
		restore: string;
		confirmTitle: string;
		confirmBodyNew: (to: string) => string;
		confirmBodyReplace: (to: string) => string;
		confirmOk: string;
		restoring: string;
		restored: string;
		restoredOpen: string;
		openRestored: string;
		autoTitle: string;
		autoIntro: string;
		autoFolder: string;
		autoFolderHelp: string;
		autoBeforeLock: string;
		autoDaily: string;
		autoKeepLast: string;
		autoKeepMonthly: string;
		autoKeepHelp: string;
		autoKeepLastRange: string;
		autoKeepMonthlyRange: string;
		autoFolderRequired: string;
		autoSave: string;
		autoSaved: string;
		lastTitle: string;
		lastNone: string;
		lastOk: (when: string) => string;
		lastFailed: (when: string) => string;
		fileRequired: string;
		folderRequired: string;
		secretRequired: string;
		errors: Partial<Record<ErrorCode, string>>;
	};
	deals: {
		title: string;
		count: (n: string, raw: number) => string;
		new: string;
		viewBoard: string;
		viewForecast: string;
		views: string;
		board: string;
		column: (stage: string, n: string) => string;
		columnTotal: string;
		empty: string;
		emptyTitle: string;
		emptyBody: string;
		addFirst: string;
		terminal: Record<'won' | 'lost', string>;
		noCompany: string;
		probability: (p: number) => string;
		closes: (date: string) => string;
		noClose: string;
		moveTo: string;
		moveTitle: (title: string) => string;
		moveHelp: string;
		moveNow: string;
		current: string;
		reason: string;
		reasonHelp: string;
		reasonRequired: string;
		moved: (title: string, stage: string) => string;
		moveFailed: (title: string) => string;
		cardHelp: string;
		keys: string;
		loadingMore: string;
		open: (title: string) => string;
		wonLostTitle: (since: string) => string;
		won: string;
		lost: string;
		wonLostNone: string;
		forecastTitle: string;
		forecastIntro: string;
		forecastTotal: string;
		forecastEmpty: string;
		forecastEmptyBody: string;
		forecastBar: (month: string, value: string, deals: number) => string;
		noDate: string;
		currency: string;
		form: {
			titleNew: string;
			name: string;
			stage: string;
			company: string;
			contact: string;
			pickerPlaceholder: string;
			pickerNone: string;
			clear: string;
			value: string;
			currency: string;
			probability: string;
			probabilityHelp: (stage: string, p: number) => string;
			close: string;
			notes: string;
			problem: {
				titleRequired: string;
				valueRequired: string;
				valueShape: (digits: number) => string;
				currencyShape: string;
				probabilityRange: string;
				dateShape: string;
				tooLong: string;
			};
			fixErrors: string;
			serverRejected: string;
			create: string;
		};
		detail: {
			stage: string;
			value: string;
			weighted: string;
			probability: string;
			close: string;
			company: string;
			contact: string;
			notes: string;
			reason: string;
			closedAt: string;
			created: string;
			updated: string;
			none: string;
			tags: string;
			tagAdd: string;
			tagPlaceholder: string;
			tagRemove: (name: string) => string;
			noTags: string;
			confirmTitle: (title: string) => string;
			confirmBody: string;
			confirmDelete: string;
			notFound: string;
		};
	};
	home: {
		title: string;
		greeting: (date: string) => string;
		today: string;
		overdue: string;
		tasksCount: (n: number) => string;
		tasksNoneToday: string;
		tasksNoneOverdue: string;
		tasksMore: (n: number) => string;
		goTasks: string;
		pipelineTitle: string;
		pipelineEmpty: string;
		pipelineEmptyBody: string;
		goDeals: string;
		forecastTitle: string;
		forecastEmpty: string;
		untouchedTitle: string;
		untouchedDays: string;
		untouchedOption: (n: number) => string;
		untouchedNone: (n: number) => string;
		untouchedNever: string;
		untouchedLast: (date: string) => string;
		goContacts: string;
		priority: Record<'low' | 'normal' | 'high' | 'urgent', string>;
	};
	charts: {
		table: string;
		showTable: string;
		hideTable: string;
		colCategory: string;
		colValue: string;
		legend: string;
		bars: (n: number) => string;
		deals: (n: number) => string;
		axisMonth: string;
		axisStage: string;
		axisValue: (currency: string) => string;
	};
	errors: Record<ErrorCode, string> & { ipc: string };
	invoices: InvoicingMessages['invoices'];
	profile: InvoicingMessages['profile'];
	products: InvoicingMessages['products'];
	quotes: MoneyMessages['quotes'];
	expenses: MoneyMessages['expenses'];
	reports: MoneyMessages['reports'];
	dunning: MoneyMessages['dunning'];
	recurring: MoneyMessages['recurring'];
}

export const es: Messages = {
	languageName: 'Español',
	...invoicingEs,
	...moneyEs,
	...fieldsMessagesEs,
	...pipelineMessagesEs,
	common: {
		choose: 'Elegir…',
		chooseTitle: { folder: 'Elegir una carpeta', 'backup-open': 'Elegir una copia de seguridad', 'backup-save': 'Guardar la copia como', pdf: 'Guardar el PDF como', csv: 'Guardar el CSV como', document: 'Guardar el documento como' },
		cancel: 'Cancelar',
		save: 'Guardar',
		saving: 'Guardando…',
		saved: 'Guardado',
		delete: 'Eliminar',
		edit: 'Editar',
		back: 'Volver',
		copy: 'Copiar',
		copied: 'Copiado',
		loading: 'Cargando…',
		show: 'Mostrar',
		hide: 'Ocultar',
		optional: 'opcional'
	},
	nav: {
		main: 'Navegación principal',
		home: 'Inicio',
		contacts: 'Contactos',
		companies: 'Empresas',
		deals: 'Oportunidades',
		tasks: 'Tareas',
		invoices: 'Facturas',
		quotes: 'Presupuestos',
		expenses: 'Gastos',
		reports: 'Informes',
		privacy: 'Privacidad',
		backups: 'Copias de seguridad',
		settings: 'Ajustes',
		lock: 'Bloquear',
		lockTitle: 'Bloquear la bóveda (Ctrl+L)',
		vault: 'Bóveda'
	},
	soon: {
		title: 'Esta sección llegará pronto',
		body: {
			home: 'Aquí verás de un vistazo lo pendiente de cobro, las facturas vencidas, los ingresos por mes y la previsión de ingresos.',
			companies: 'Aquí guardarás las empresas con las que trabajas, con sus contactos, oportunidades y facturas.',
			deals: 'Aquí seguirás tus oportunidades por etapa, de posible cliente a cliente.',
			tasks: 'Aquí verás las tareas de hoy y las vencidas.',
			invoices: 'Aquí prepararás presupuestos y facturas, y anotarás cobros y gastos.',
			quotes: 'Aquí prepararás presupuestos y los convertirás en facturas.',
			expenses: 'Aquí anotarás las facturas de tus proveedores.',
			reports: 'Aquí verás el beneficio, el IVA del trimestre y los cobros pendientes.',
			privacy: 'Aquí gestionarás consentimientos, derechos de acceso y supresión.'
		}
	},
	unlock: {
		titleUnlock: 'Abrir la bóveda',
		titleCreate: 'Crear una bóveda',
		intro: 'Tus datos se guardan cifrados en este equipo. Nada sale de él.',
		folder: 'Carpeta de la bóveda',
		folderHint: 'La bóveda es una carpeta: puedes escribir su ruta.',
		choose: 'Elegir…',
		passphrase: 'Frase de contraseña',
		recoveryCode: 'Código de recuperación',
		recoveryCodeHint: 'Escríbelo tal como lo guardaste; los guiones y espacios dan igual.',
		useRecoveryCode: 'Usar el código de recuperación',
		submit: 'Desbloquear',
		busy: 'Desbloqueando…',
		openOther: 'Abrir otra bóveda',
		createNew: 'Crear una bóveda nueva',
		recent: 'Bóvedas recientes',
		noVaultHere: 'No hay ninguna bóveda en esta carpeta.',
		createHere: 'Crear una aquí',
		vaultExistsHere: 'Ya hay una bóveda en esta carpeta.',
		openIt: 'Abrirla',
		wrongPassphrase: 'La frase de contraseña no es correcta.',
		wrongRecoveryCode: 'El código de recuperación no es correcto.',
		recoveryTypo: 'Uno de los grupos del código tiene una errata. Revísalo grupo a grupo.',
		folderRequired: 'Indica la carpeta de la bóveda.',
		secretRequired: 'Escribe la frase de contraseña.'
	},
	create: {
		passphrase: 'Frase de contraseña nueva',
		confirm: 'Repite la frase de contraseña',
		mismatch: 'Las dos frases no coinciden.',
		requirement: 'Al menos 10 caracteres. Varias palabras que solo tú relaciones funcionan mejor que una palabra rara.',
		submit: 'Crear la bóveda',
		busy: 'Creando…',
		forgetWarning: 'Nadie puede recuperar la frase por ti: si la olvidas, solo te quedará el código de recuperación.',
		strengthLabel: 'Fuerza',
		level: {
			too_short: 'Demasiado corta',
			weak: 'Débil',
			fair: 'Aceptable',
			good: 'Buena',
			strong: 'Muy buena'
		},
		hint: {
			too_short: 'Usa al menos 10 caracteres.',
			common: 'Contiene una palabra o un año muy usados.',
			repeat: 'Evita repetir el mismo carácter.',
			sequence: 'Evita secuencias como «abcd» o «1234».',
			one_class: 'Añade otra palabra, o mezcla mayúsculas, cifras o símbolos.',
			longer: 'Alárgala con otra palabra.'
		},
		notAcceptable: 'La frase es demasiado débil todavía.'
	},
	recovery: {
		title: 'Tu código de recuperación',
		intro: 'Abre la bóveda si olvidas la frase de contraseña. Solo se muestra esta vez.',
		warning: 'Guárdalo fuera del ordenador: escrito en papel, en un lugar seguro. Quien tenga este código puede abrir tus datos.',
		copy: 'Copiar el código',
		copied: 'Código copiado',
		copyFailed: 'No se pudo copiar; cópialo a mano.',
		stored: 'Lo he guardado en un lugar seguro',
		continue: 'Continuar'
	},
	contacts: {
		title: 'Contactos',
		count: (n, raw) => (raw === 1 ? '1 contacto' : `${n} contactos`),
		search: 'Buscar',
		searchPlaceholder: 'Buscar…  /',
		searchResults: 'Resultados de la búsqueda',
		noHits: (q) => `Nada coincide con «${q}».`,
		searching: 'Buscando…',
		new: 'Nuevo contacto',
		colName: 'Nombre',
		colEmail: 'Correo',
		colPhone: 'Teléfono',
		colCompany: 'Empresa',
		emptyTitle: 'Aún no hay contactos',
		emptyBody:
			'Aquí guardas a las personas con las que trabajas: clientes, proveedores y posibles clientes, con sus correos, teléfonos y notas.',
		addFirst: 'Añadir el primer contacto',
		demoHint: '¿Solo quieres ver cómo funciona? Carga 200 contactos de ejemplo en esta bóveda vacía.',
		demoLoad: 'Cargar datos de ejemplo',
		demoLoading: (done, total) => `Cargando datos de ejemplo… ${done} de ${total}`,
		keys: '↑ ↓ para moverte · Intro abre · N nuevo · / buscar',
		listLabel: 'Lista de contactos'
	},
	form: {
		titleNew: 'Nuevo contacto',
		titleEdit: 'Editar contacto',
		name: 'Nombre',
		emails: 'Correos',
		email: (i) => `Correo ${i}`,
		addEmail: 'Añadir correo',
		removeEmail: (i) => `Quitar el correo ${i}`,
		phones: 'Teléfonos',
		phone: (i) => `Teléfono ${i}`,
		addPhone: 'Añadir teléfono',
		removePhone: (i) => `Quitar el teléfono ${i}`,
		emailLabel: (i) => `Etiqueta del correo ${i}`,
		phoneLabel: (i) => `Etiqueta del teléfono ${i}`,
		labelPlaceholder: 'trabajo, casa…',
		jobTitle: 'Cargo',
		birthday: 'Cumpleaños',
		source: 'Origen de los datos',
		sourceNone: 'Sin indicar',
		sourceDetail: 'Detalle del origen',
		company: 'Empresa',
		notes: 'Notas',
		problem: {
			required: 'El nombre es obligatorio.',
			email_shape: 'No parece un correo: falta algo como nombre@dominio.es.',
			phone_shape: 'Solo cifras, espacios, +, -, ( y ); al menos 6 cifras.',
			too_long: 'Es demasiado largo.'
		},
		fixErrors: 'Revisa los campos marcados.',
		serverRejected: 'No se pudo guardar:'
	},
	source: {
		form: 'Formulario',
		event: 'Evento',
		import: 'Importación',
		referral: 'Recomendación',
		other: 'Otro'
	},
	detail: {
		emails: 'Correos',
		phones: 'Teléfonos',
		company: 'Empresa',
		notes: 'Notas',
		jobTitle: 'Cargo',
		birthday: 'Cumpleaños',
		source: 'Origen',
		addresses: 'Direcciones',
		history: 'Empresas',
		historyNow: 'actualidad',
		created: 'Creado',
		updated: 'Modificado',
		none: '—',
		confirmTitle: (name) => `¿Eliminar a ${name}?`,
		confirmBody: 'Se borrará el contacto con sus correos, teléfonos y notas. No se puede deshacer.',
		confirmDelete: 'Eliminar',
		notFound: 'Este contacto ya no existe.'
	},
	companies: {
		title: 'Empresas',
		count: (n, raw, more) => (more ? `${n}+ empresas` : raw === 1 ? '1 empresa' : `${n} empresas`),
		new: 'Nueva empresa',
		listLabel: 'Lista de empresas',
		colName: 'Nombre',
		colRoles: 'Relación',
		colTaxId: 'NIF/CIF',
		colLast: 'Último contacto',
		filterLabel: 'Filtrar por relación',
		all: 'Todas',
		role: { customer: 'Cliente', supplier: 'Proveedor', prospect: 'Posible cliente' },
		emptyTitle: 'Aún no hay empresas',
		emptyBody: 'Aquí guardas las empresas con las que trabajas: clientes, proveedores y posibles clientes, con su NIF, direcciones y condiciones de cobro.',
		emptyFiltered: 'Ninguna empresa tiene esta relación.',
		addFirst: 'Añadir la primera empresa',
		keys: '↑ ↓ o J K para moverte · Intro abre · N nueva · / buscar · Ctrl+K paleta',
		titleNew: 'Nueva empresa',
		titleEdit: 'Editar empresa',
		name: 'Nombre',
		roles: 'Relación',
		taxCountry: 'País del NIF',
		taxCountryHelp: 'Dos letras: ES para España.',
		taxId: 'NIF/CIF',
		taxIdHelp: 'Se comprueba el carácter de control de los NIF y CIF españoles.',
		taxIdInvalid: 'Este NIF/CIF no es válido: el carácter de control no coincide. Revisa cada cifra.',
		addresses: 'Direcciones',
		address: (i) => `Dirección ${i}`,
		addAddress: 'Añadir dirección',
		removeAddress: (i) => `Quitar la dirección ${i}`,
		addrLabel: 'Etiqueta (p. ej. Facturación)',
		street: 'Calle y número',
		postalCode: 'Código postal',
		city: 'Localidad',
		region: 'Provincia',
		country: 'País',
		website: 'Sitio web',
		billing: 'Condiciones de cobro',
		paymentDays: 'Días para pagar',
		currency: 'Moneda',
		currencyHelp: 'Código de tres letras: EUR, USD…',
		notes: 'Notas',
		problem: {
			required: 'El nombre es obligatorio.',
			too_long: 'Es demasiado largo.',
			country_shape: 'Usa el código de dos letras del país (ES, PT, FR…).',
			currency_shape: 'Usa el código de tres letras de la moneda (EUR, USD…).',
			days_range: 'Un número entero de días entre 0 y 365.',
			website_shape: 'No parece una dirección web (p. ej. ejemplo.es).'
		},
		fixErrors: 'Revisa los campos marcados.',
		serverRejected: 'No se pudo guardar:',
		formKeys: 'Intro guarda · Esc cancela',
		billingValue: (days, currency) =>
			[days === null ? null : `${days} días`, currency].filter((x) => x !== null).join(' · ') || '—',
		contacts: 'Contactos',
		linked: (c, d) => `${c === 1 ? '1 contacto' : `${c} contactos`} · ${d === 1 ? '1 oportunidad' : `${d} oportunidades`}`,
		linkContact: 'Vincular un contacto',
		linkContactPlaceholder: 'Busca un contacto por su nombre…',
		linkedDone: (name) => `${name} trabaja ahora en esta empresa.`,
		tags: 'Etiquetas',
		addTag: 'Añadir etiqueta',
		tagPlaceholder: 'Nueva etiqueta…',
		removeTag: (name) => `Quitar la etiqueta ${name}`,
		lastContact: 'Último contacto',
		never: 'Nunca',
		created: 'Creada',
		updated: 'Modificada',
		notFound: 'Esta empresa ya no existe.',
		deleteTitle: (name) => `¿Eliminar ${name}?`,
		deleteBody: 'Se borrará la empresa con sus direcciones, etiquetas y notas. No se puede deshacer.',
		refusedBody: (c, d) =>
			`Vinculados a esta empresa: ${[c ? (c === 1 ? '1 contacto' : `${c} contactos`) : '', d ? (d === 1 ? '1 oportunidad' : `${d} oportunidades`) : ''].filter(Boolean).join(' y ')}. ¿Qué hacemos con ellos?`,
		cascade: 'Eliminarlos también',
		detach: 'Conservarlos sin empresa'
	},
	timeline: {
		title: 'Actividad',
		listLabel: 'Interacciones, las más recientes primero',
		empty: 'Aún no hay interacciones. Registra una llamada, una reunión o una nota.',
		loadMore: 'Cargar más',
		log: 'Registrar interacción',
		kind: { call: 'Llamada', meeting: 'Reunión', email: 'Correo', message: 'Mensaje', note: 'Nota' },
		direction: { inbound: 'Recibida', outbound: 'Hecha por mí', none: 'Sin sentido' },
		today: 'Hoy',
		yesterday: 'Ayer',
		logTitle: 'Registrar una interacción',
		kindLabel: 'Tipo',
		directionLabel: 'Sentido',
		at: 'Fecha y hora',
		subject: 'Asunto',
		body: 'Notas',
		save: 'Registrar',
		subjectRequired: 'Escribe un asunto.',
		atRequired: 'Indica la fecha y la hora.',
		logged: 'Interacción registrada.'
	},
	tasks: {
		title: 'Tareas',
		tabsLabel: 'Vistas de tareas',
		view: { today: 'Hoy', overdue: 'Vencidas', upcoming: 'Próximas' },
		empty: {
			today: 'Nada para hoy. Añade una tarea o mira las próximas.',
			overdue: 'Ninguna tarea vencida. ¡Al día!',
			upcoming: 'No hay tareas para los próximos días.'
		},
		new: 'Nueva tarea',
		listLabel: 'Lista de tareas',
		priority: { low: 'Baja', normal: 'Normal', high: 'Alta', urgent: 'Urgente' },
		priorityLabel: 'Prioridad',
		complete: (t) => `Marcar «${t}» como hecha`,
		completed: (t) => `«${t}» hecha.`,
		remove: (t) => `Eliminar «${t}»`,
		confirmDeleteTitle: (t) => `¿Eliminar «${t}»?`,
		confirmDeleteBody: 'La tarea se borrará. No se puede deshacer.',
		deleted: 'Tarea eliminada.',
		taskTitle: 'Qué hay que hacer',
		due: 'Vence el',
		time: 'Hora (opcional)',
		link: 'Vinculada a (opcional)',
		linkPlaceholder: 'Busca un contacto o una empresa…',
		unlink: 'Quitar el vínculo',
		notes: 'Notas',
		problem: {
			required: 'Este dato es obligatorio.',
			too_long: 'Es demasiado largo.',
			date_shape: 'Usa una fecha válida.',
			time_shape: 'Usa una hora como 09:30.'
		},
		fixErrors: 'Revisa los campos marcados.',
		titleNew: 'Nueva tarea',
		dueToday: 'Hoy',
		dueIn: (d) => (d === 1 ? 'Mañana' : `En ${d} días`),
		overdueBy: (d) => (d === 1 ? 'Ayer' : `Hace ${d} días`),
		logTitle: '¿Registrar una interacción?',
		logBody: (t) => `«${t}» queda hecha. Puedes anotar también lo que pasó.`,
		logKind: 'Tipo',
		logNote: 'Nota (opcional)',
		logSave: 'Registrar y completar',
		logSkip: 'Solo completar',
		keys: '↑ ↓ o J K para moverte · Espacio completa · Intro abre su contacto o empresa · Supr elimina · N nueva · Ctrl+K paleta'
	},
	palette: {
		label: 'Paleta de comandos',
		placeholder: 'Busca cualquier cosa o escribe una acción…',
		group: {
			actions: 'Acciones',
			contact: 'Contactos',
			company: 'Empresas',
			deal: 'Oportunidades',
			task: 'Tareas',
			interaction: 'Interacciones'
		},
		newContact: 'Nuevo contacto',
		newCompany: 'Nueva empresa',
		newTask: 'Nueva tarea',
		newDeal: 'Nueva oportunidad',
		newInvoice: 'Nueva factura',
		newQuote: 'Nuevo presupuesto',
		lock: 'Bloquear',
		goTo: (s) => `Ir a ${s}`,
		noHits: (q) => `Nada coincide con «${q}».`,
		searching: 'Buscando…',
		hint: '↑ ↓ para elegir · Intro abre · Esc cierra',
		open: 'Buscar y acciones (Ctrl+K)',
		pickerNoHits: 'Sin resultados.'
	},
	settings: {
		title: 'Ajustes',
		language: 'Idioma',
		languageSystem: 'Como el sistema',
		autoLock: 'Bloqueo automático (minutos sin actividad)',
		autoLockHelp: 'La bóveda se bloquea sola tras este tiempo sin usarla. Entre 1 y 240 minutos.',
		autoLockRange: 'Escribe un número entero entre 1 y 240.',
		saved: 'Ajustes guardados',
		vault: 'Bóveda abierta',
		vaultPath: 'Carpeta'
	},
	backups: {
		title: 'Copias de seguridad',
		nowTitle: 'Hacer una copia ahora',
		nowIntro:
			'Un solo archivo cifrado con toda la bóveda. Puedes guardarlo donde quieras (un USB, una nube, el correo de tu gestoría): sin su frase nadie puede leerlo ni alterarlo.',
		file: 'Archivo de la copia',
		fileHelp: 'Escribe la ruta completa del archivo nuevo. No se sobrescribe ningún archivo existente.',
		ownPassphrase: 'Proteger este archivo con otra frase de contraseña',
		vaultKeyHelp: 'Si no eliges otra, lo abren la frase de contraseña y el código de recuperación actuales de la bóveda.',
		passphrase: 'Frase de contraseña de la copia',
		confirm: 'Repite la frase de la copia',
		mismatch: 'Las dos frases no coinciden.',
		create: 'Hacer la copia',
		creating: 'Haciendo la copia…',
		created: 'Copia guardada y comprobada.',
		stage: {
			snapshot: 'Tomando una instantánea de la bóveda',
			seal: 'Cifrando',
			verify: 'Comprobando',
			restore: 'Restaurando'
		},
		progressLabel: 'Progreso',
		rate: (mbs) => `${mbs} MB/s`,
		verifyTitle: 'Comprobar una copia',
		verifyIntro: 'Descifra y comprueba el archivo entero, y la base de datos que contiene, sin restaurar nada.',
		secret: 'Frase de contraseña de la copia',
		secretHelp: 'Para una copia automática, la frase de la bóveda (o su código de recuperación).',
		recoveryCode: 'Código de recuperación de la bóveda',
		useRecoveryCode: 'Usar el código de recuperación',
		verify: 'Comprobar',
		verifying: 'Comprobando…',
		verified: 'La copia está completa y en buen estado.',
		restoreTitle: 'Restaurar una copia',
		restoreIntro:
			'Crea la bóveda de la copia en una carpeta nueva, o sustituye una bóveda existente. Antes de escribir nada se comprueba el archivo entero.',
		restoreTo: 'Carpeta de destino',
		restoreToHelp: 'Una carpeta nueva o vacía. La bóveda restaurada se abre con la frase y el código que tenía al copiarla.',
		replace: 'Sustituir la bóveda que haya en esa carpeta',
		replaceHelp: 'Si es la bóveda abierta, se bloquea primero. La anterior se conserva hasta que la nueva abre bien.',
		review: 'Revisar la copia…',
		reviewing: 'Leyendo…',
		infoTitle: 'La copia',
		infoCreated: 'Creada',
		infoSize: 'Tamaño',
		infoKey: 'Se abre con',
		keyMode: {
			passphrase: 'su propia frase de contraseña',
			vault_keyslots: 'la frase o el código de recuperación de la bóveda'
		},
		warningNew: 'Se creará una bóveda con los datos de la copia, tal como estaban al hacerla.',
		warningReplace:
			'Los datos actuales de esa bóveda se sustituirán por los de la copia. Lo que hayas cambiado después de la copia se perderá.',
		restore: 'Restaurar',
		confirmTitle: '¿Restaurar esta copia?',
		confirmBodyNew: (to) => `Se creará una bóveda en ${to} con los datos de la copia.`,
		confirmBodyReplace: (to) =>
			`La bóveda de ${to} se sustituirá por la de la copia. Lo cambiado después de la copia se perderá.`,
		confirmOk: 'Restaurar',
		restoring: 'Restaurando…',
		restored: 'Bóveda restaurada.',
		restoredOpen: 'Para usarla, bloquea esta bóveda y abre la restaurada con su frase de contraseña.',
		openRestored: 'Bloquear y abrir la restaurada',
		autoTitle: 'Copias automáticas',
		autoIntro:
			'Sigilo guarda copias en una carpeta sin pedirte nada. Las abre la frase o el código de recuperación de la bóveda; la frase nunca queda en memoria.',
		autoFolder: 'Carpeta de las copias automáticas',
		autoFolderHelp: 'Mejor en otro disco o en una carpeta que se sincronice fuera de este equipo.',
		autoBeforeLock: 'Al bloquear la bóveda',
		autoDaily: 'Una vez al día mientras está abierta',
		autoKeepLast: 'Conservar las últimas',
		autoKeepMonthly: 'Y una por mes durante (meses)',
		autoKeepHelp: 'Las copias más antiguas se borran solo después de que una nueva se haya comprobado.',
		autoKeepLastRange: 'Un número entero entre 1 y 1000.',
		autoKeepMonthlyRange: 'Un número entero entre 0 y 240.',
		autoFolderRequired: 'Indica la carpeta para activar las copias automáticas.',
		autoSave: 'Guardar',
		autoSaved: 'Ajustes de copias guardados',
		lastTitle: 'Última copia automática',
		lastNone: 'Todavía no se ha hecho ninguna.',
		lastOk: (when) => `Correcta, ${when}.`,
		lastFailed: (when) => `Falló, ${when}. Las copias anteriores siguen intactas.`,
		fileRequired: 'Indica la ruta del archivo.',
		folderRequired: 'Indica la carpeta de destino.',
		secretRequired: 'Escribe la frase de contraseña.',
		errors: {
			wrong_secret: 'La frase o el código no abren esta copia.',
			damaged: 'El archivo está dañado, se ha alterado o no es una copia de Sigilo.',
			already_exists: 'Ya hay un archivo o una carpeta con datos ahí. No se ha sobrescrito nada.',
			not_found: 'No hay ningún archivo ahí.',
			busy: 'La bóveda de destino está abierta en otra ventana o programa. Ciérrala y vuelve a intentarlo.',
			io: 'No se pudo leer o escribir en el disco (¿está lleno o sin permiso?). No ha quedado nada a medias.',
			invalid_input: 'Revisa los datos: la ruta debe ser completa y la frase, de al menos 10 caracteres.'
		}
	},
	deals: {
		title: 'Oportunidades',
		count: (n, raw) => (raw === 1 ? '1 oportunidad' : `${n} oportunidades`),
		new: 'Nueva oportunidad',
		viewBoard: 'Embudo',
		viewForecast: 'Previsión',
		views: 'Vista',
		board: 'Embudo de oportunidades por etapa',
		column: (stage, n) => `${stage}, ${n}`,
		columnTotal: 'Valor total',
		empty: 'Ninguna oportunidad en esta etapa.',
		emptyTitle: 'Aún no hay oportunidades',
		emptyBody:
			'Una oportunidad es una venta posible: un presupuesto pedido, un encargo por cerrar. Síguelas por etapas hasta ganarlas o perderlas y verás la previsión de ingresos de cada mes.',
		addFirst: 'Añadir la primera oportunidad',
		terminal: { won: 'Etapa final: ganadas', lost: 'Etapa final: perdidas' },
		noCompany: 'Sin empresa',
		probability: (p) => `${p} %`,
		closes: (date) => `Cierre ${date}`,
		noClose: 'Sin fecha de cierre',
		moveTo: 'Mover a…',
		moveTitle: (title) => `Mover «${title}»`,
		moveHelp: 'Elige la etapa. La oportunidad toma la probabilidad de esa etapa.',
		moveNow: 'Mover',
		current: 'etapa actual',
		reason: 'Motivo de la pérdida',
		reasonHelp: 'Por ejemplo: «precio», «eligió a otro proveedor». Te ayudará a aprender de ello.',
		reasonRequired: 'Escribe el motivo para marcarla como perdida.',
		moved: (title, stage) => `«${title}» movida a ${stage}.`,
		moveFailed: (title) => `No se pudo mover «${title}»; ha vuelto a su etapa.`,
		cardHelp: 'Intro abre · Alt+→ o ] siguiente etapa · Alt+← o [ anterior · M mover a…',
		keys: 'Arrastra una tarjeta a otra etapa · con el teclado: Alt+← → o [ ] · M mover a… · N nueva',
		loadingMore: 'Cargando más…',
		open: (title) => `Abrir ${title}`,
		wonLostTitle: (since) => `Ganadas y perdidas desde el ${since}`,
		won: 'Ganadas',
		lost: 'Perdidas',
		wonLostNone: 'Todavía no has cerrado ninguna este año.',
		forecastTitle: 'Previsión de ingresos',
		forecastIntro: 'Oportunidades abiertas por mes de cierre previsto: valor × probabilidad.',
		forecastTotal: 'Total previsto',
		forecastEmpty: 'Sin previsión todavía',
		forecastEmptyBody: 'Añade oportunidades abiertas con una fecha de cierre prevista para ver aquí los ingresos de cada mes.',
		forecastBar: (month, value, deals) => `${month}: ${value} (${deals === 1 ? '1 oportunidad' : `${deals} oportunidades`})`,
		noDate: 'Sin fecha',
		currency: 'Moneda',
		form: {
			titleNew: 'Nueva oportunidad',
			name: 'Título',
			stage: 'Etapa',
			company: 'Empresa',
			contact: 'Contacto',
			pickerPlaceholder: 'Buscar por nombre…',
			pickerNone: 'Nada coincide.',
			clear: 'Quitar',
			value: 'Valor',
			currency: 'Moneda',
			probability: 'Probabilidad (%)',
			probabilityHelp: (stage, p) => `Por defecto, la de la etapa ${stage}: ${p} %.`,
			close: 'Cierre previsto',
			notes: 'Notas',
			problem: {
				titleRequired: 'El título es obligatorio.',
				valueRequired: 'Indica el valor (0 si aún no lo sabes).',
				valueShape: (digits) =>
					digits === 0 ? 'Escribe una cantidad sin decimales, como 1500.' : `Escribe una cantidad como 1.234,50 (hasta ${digits} decimales).`,
				currencyShape: 'Tres letras del código ISO 4217, como EUR o USD.',
				probabilityRange: 'Un número entero entre 0 y 100.',
				dateShape: 'No es una fecha válida.',
				tooLong: 'Es demasiado largo.'
			},
			fixErrors: 'Revisa los campos marcados.',
			serverRejected: 'No se pudo guardar:',
			create: 'Crear la oportunidad'
		},
		detail: {
			stage: 'Etapa',
			value: 'Valor',
			weighted: 'Valor ponderado',
			probability: 'Probabilidad',
			close: 'Cierre previsto',
			company: 'Empresa',
			contact: 'Contacto',
			notes: 'Notas',
			reason: 'Motivo',
			closedAt: 'Cerrada',
			created: 'Creada',
			updated: 'Modificada',
			none: '—',
			tags: 'Etiquetas',
			tagAdd: 'Añadir',
			tagPlaceholder: 'Nueva etiqueta',
			tagRemove: (name) => `Quitar la etiqueta ${name}`,
			noTags: 'Sin etiquetas.',
			confirmTitle: (title) => `¿Eliminar «${title}»?`,
			confirmBody: 'Se borrará la oportunidad con su historial de etapas. Las interacciones y tareas se conservan. No se puede deshacer.',
			confirmDelete: 'Eliminar',
			notFound: 'Esta oportunidad ya no existe.'
		}
	},
	home: {
		title: 'Inicio',
		greeting: (date) => `Hoy es ${date}`,
		today: 'Tareas para hoy',
		overdue: 'Tareas vencidas',
		tasksCount: (n) => (n === 1 ? '1 tarea' : `${n} tareas`),
		tasksNoneToday: 'Nada pendiente para hoy. Buen momento para llamar a alguien de la lista de abajo.',
		tasksNoneOverdue: 'Ninguna tarea vencida. ¡Al día!',
		tasksMore: (n) => `y ${n} más`,
		goTasks: 'Ver tareas',
		pipelineTitle: 'Embudo por etapa',
		pipelineEmpty: 'El embudo está vacío',
		pipelineEmptyBody: 'Crea una oportunidad para cada venta posible y verás aquí cuánto vale cada etapa.',
		goDeals: 'Ir a oportunidades',
		forecastTitle: 'Previsión de ingresos (12 meses)',
		forecastEmpty: 'Pon una fecha de cierre prevista a tus oportunidades abiertas y aquí verás lo que puede entrar cada mes.',
		untouchedTitle: 'Contactos sin atender',
		untouchedDays: 'Sin contacto desde hace',
		untouchedOption: (n) => `${n} días`,
		untouchedNone: (n) => `Has hablado con todos tus contactos en los últimos ${n} días.`,
		untouchedNever: 'Nunca',
		untouchedLast: (date) => `Último contacto: ${date}`,
		goContacts: 'Ver contactos',
		priority: { low: 'Baja', normal: 'Normal', high: 'Alta', urgent: 'Urgente' }
	},
	charts: {
		table: 'Datos del gráfico',
		showTable: 'Ver como tabla',
		hideTable: 'Ver como gráfico',
		colCategory: 'Categoría',
		colValue: 'Valor',
		legend: 'Leyenda',
		bars: (n) => (n === 1 ? '1 barra; usa ← → para recorrerlas' : `${n} barras; usa ← → para recorrerlas`),
		deals: (n) => (n === 1 ? '1 oportunidad' : `${n} oportunidades`),
		axisMonth: 'Mes de cierre previsto',
		axisStage: 'Etapa',
		axisValue: (currency) => `Valor (${currency})`
	},
	errors: {
		invalid_input: 'Algún dato no es válido.',
		wrong_secret: 'La frase de contraseña o el código no son correctos.',
		recovery_code_typo: 'El código de recuperación tiene una errata.',
		damaged: 'Los archivos de la bóveda están dañados o no se pueden leer.',
		not_found: 'No se ha encontrado.',
		already_exists: 'Ya existe.',
		newer_schema: 'Esta bóveda la creó una versión más nueva de Sigilo. Actualiza la aplicación para abrirla.',
		busy: 'La bóveda está ocupada por otra operación. Inténtalo de nuevo en un momento.',
		refused: 'La operación no está permitida.',
		locked: 'La bóveda está bloqueada.',
		io: 'No se pudo leer o escribir en el disco.',
		internal: 'Algo ha fallado dentro de Sigilo.',
		ipc: 'Esta ventana no está conectada a Sigilo (¿se abrió en un navegador?).'
	}
};
