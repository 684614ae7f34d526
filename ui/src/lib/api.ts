// The one typed module that calls the Tauri backend: one function per command; failures are UiError objects.
import type { ApiError } from '$lib/bindings/ApiError';
import type { AppSettings } from '$lib/bindings/AppSettings';
import type { BackupInfo } from '$lib/bindings/BackupInfo';
import type { BackupProgress } from '$lib/bindings/BackupProgress';
import type { BackupResult } from '$lib/bindings/BackupResult';
import type { Contact } from '$lib/bindings/Contact';
import type { DashboardDto } from '$lib/bindings/DashboardDto';
import type { ContactInput } from '$lib/bindings/ContactInput';
import type { ContactWindow } from '$lib/bindings/ContactWindow';
import type { CreatedVault } from '$lib/bindings/CreatedVault';
import type { ErrorCode } from '$lib/bindings/ErrorCode';
import type { RestoreReport } from '$lib/bindings/RestoreReport';
import type { SearchHit } from '$lib/bindings/SearchHit';
import type { UnlockKind } from '$lib/bindings/UnlockKind';
import type { VaultSummary } from '$lib/bindings/VaultSummary';
import type { VerifyReport } from '$lib/bindings/VerifyReport';
import type { Company } from '$lib/bindings/Company';
import type { CompanyDeletion } from '$lib/bindings/CompanyDeletion';
import type { CompanyInput } from '$lib/bindings/CompanyInput';
import type { CompanyRole } from '$lib/bindings/CompanyRole';
import type { CompanyRow } from '$lib/bindings/CompanyRow';
import type { Deal } from '$lib/bindings/Deal';
import type { DealInput } from '$lib/bindings/DealInput';
import type { FieldDef } from '$lib/bindings/FieldDef';
import type { FieldInput } from '$lib/bindings/FieldInput';
import type { ForecastLine } from '$lib/bindings/ForecastLine';
import type { Interaction } from '$lib/bindings/Interaction';
import type { InteractionInput } from '$lib/bindings/InteractionInput';
import type { Page } from '$lib/bindings/Page';
import type { ContactFilterInput } from '$lib/bindings/ContactFilterInput';
import type { ContactRow } from '$lib/bindings/ContactRow';
import type { CompanyFilterInput } from '$lib/bindings/CompanyFilterInput';
import type { DealFilterInput } from '$lib/bindings/DealFilterInput';
import type { Stage } from '$lib/bindings/Stage';
import type { StageInput } from '$lib/bindings/StageInput';
import type { Agreement } from '$lib/bindings/Agreement';
import type { AgreementInput } from '$lib/bindings/AgreementInput';
import type { Tag } from '$lib/bindings/Tag';
import type { TaggedKind } from '$lib/bindings/TaggedKind';
import type { Task } from '$lib/bindings/Task';
import type { TaskInput } from '$lib/bindings/TaskInput';
import type { TaskLog } from '$lib/bindings/TaskLog';
import type { TaskView } from '$lib/bindings/TaskView';
import type { TimelineOwner } from '$lib/bindings/TimelineOwner';
import type { BusinessProfile } from '$lib/bindings/BusinessProfile';
import type { ChainReportDto } from '$lib/bindings/ChainReportDto';
import type { Invoice } from '$lib/bindings/Invoice';
import type { InvoiceInput } from '$lib/bindings/InvoiceInput';
import type { InvoiceKind } from '$lib/bindings/InvoiceKind';
import type { InvoiceRow } from '$lib/bindings/InvoiceRow';
import type { InvoiceStatus } from '$lib/bindings/InvoiceStatus';
import type { PaymentInput } from '$lib/bindings/PaymentInput';
import type { Product } from '$lib/bindings/Product';
import type { ProductInput } from '$lib/bindings/ProductInput';
import type { SeriesDto } from '$lib/bindings/SeriesDto';
import type { TaxPresetDto } from '$lib/bindings/TaxPresetDto';
import type { Expense } from '$lib/bindings/Expense';
import type { ExpenseDocumentInfo } from '$lib/bindings/ExpenseDocumentInfo';
import type { ExpenseFilter } from '$lib/bindings/ExpenseFilter';
import type { ExpenseInput } from '$lib/bindings/ExpenseInput';
import type { ExpenseRow } from '$lib/bindings/ExpenseRow';
import type { MoneyOverview } from '$lib/bindings/MoneyOverview';
import type { OverdueRow } from '$lib/bindings/OverdueRow';
import type { ProfitBy } from '$lib/bindings/ProfitBy';
import type { ProfitReport } from '$lib/bindings/ProfitReport';
import type { Quote } from '$lib/bindings/Quote';
import type { QuoteInput } from '$lib/bindings/QuoteInput';
import type { QuoteRow } from '$lib/bindings/QuoteRow';
import type { QuoteStatus } from '$lib/bindings/QuoteStatus';
import type { Recurring } from '$lib/bindings/Recurring';
import type { RecurringInput } from '$lib/bindings/RecurringInput';
import type { RecurringRow } from '$lib/bindings/RecurringRow';
import type { RecurringRun } from '$lib/bindings/RecurringRun';
import type { ReminderDto } from '$lib/bindings/ReminderDto';
import type { ReminderInput } from '$lib/bindings/ReminderInput';
import type { VatReport } from '$lib/bindings/VatReport';
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { open as openDialog, save as saveDialog } from '@tauri-apps/plugin-dialog';

/** An ApiError from the backend, or `ipc` when this page is not running inside the Tauri window. */
export type UiErrorCode = ErrorCode | 'ipc';
export interface UiError {
	code: UiErrorCode;
	message: string;
}

const CODES: readonly ErrorCode[] = [
	'invalid_input', 'wrong_secret', 'recovery_code_typo', 'damaged', 'not_found', 'already_exists',
	'newer_schema', 'busy', 'refused', 'locked', 'io', 'internal'
];

export function isUiError(e: unknown): e is UiError {
	return typeof e === 'object' && e !== null && typeof (e as UiError).code === 'string' && typeof (e as UiError).message === 'string';
}

/** Turn whatever a command rejected with into a UiError; unknown shapes become `internal`. */
export function toUiError(e: unknown): UiError {
	if (isUiError(e) && (CODES as readonly string[]).includes(e.code)) return e as ApiError;
	if (isUiError(e) && e.code === 'ipc') return e;
	const message = e instanceof Error ? e.message : typeof e === 'string' ? e : 'unknown error';
	return { code: 'internal', message };
}

export function hasIpc(): boolean {
	return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

type Invoke = <T>(cmd: string, args?: Record<string, unknown>) => Promise<T>;
let backend: Invoke | null = null;

/** Replace the backend (used by the dev-only in-browser mock and by tests). */
export function setBackend(b: Invoke | null): void {
	backend = b;
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
	try {
		if (backend) return await backend<T>(cmd, args);
		if (!hasIpc()) throw { code: 'ipc', message: 'Tauri IPC is not available' } satisfies UiError;
		return await invoke<T>(cmd, args);
	} catch (e) {
		throw toUiError(e);
	}
}

export const api = {
	defaultVaultDir: () => call<string>('default_vault_dir'),
	vaultExists: (path: string) => call<boolean>('vault_exists', { path }),
	vaultCreate: (path: string, passphrase: string) => call<CreatedVault>('vault_create', { path, passphrase }),
	vaultUnlock: (path: string, secret: string, kind: UnlockKind) =>
		call<VaultSummary>('vault_unlock', { path, secret, kind }),
	vaultLock: () => call<null>('vault_lock'),
	vaultCurrent: () => call<VaultSummary | null>('vault_current'),
	settingsGet: () => call<AppSettings>('settings_get'),
	settingsSet: (settings: AppSettings) => call<null>('settings_set', { settings }),
	contactAdd: (input: ContactInput) => call<string>('contact_add', { input }),
	contactGet: (id: string) => call<Contact>('contact_get', { id }),
	contactUpdate: (id: string, input: ContactInput) => call<null>('contact_update', { id, input }),
	contactDelete: (id: string) => call<null>('contact_delete', { id }),
	contactWindow: (offset: number, limit: number) => call<ContactWindow>('contact_window', { offset, limit }),
	search: (query: string, limit: number) => call<SearchHit[]>('search', { query, limit }),
	activity: () => call<null>('activity'),
	/** Fills the empty unlocked vault with the newcomer's demo data; resolves to the number of contacts added. */
	demoLoad: () => call<number>('demo_load'),
	/** Writes a verified backup of the open vault; `passphrase` null = the vault's own passphrase/recovery code open it. */
	backupCreate: (path: string, passphrase: string | null) =>
		call<BackupResult>('backup_create', { path, passphrase }),
	/** A backup file's header (no secret needed). */
	backupInfo: (path: string) => call<BackupInfo>('backup_info', { path }),
	backupVerify: (path: string, secret: string, kind: UnlockKind) =>
		call<VerifyReport>('backup_verify', { path, secret, kind }),
	backupRestore: (path: string, secret: string, kind: UnlockKind, to: string, replace: boolean) =>
		call<RestoreReport>('backup_restore', { path, secret, kind, to, replace }),

	// ----- CRM core: companies, interactions and timelines, tasks, deals, tags, custom fields -----
	companyAdd: (input: CompanyInput) => call<string>('company_add', { input }),
	companyGet: (id: string) => call<Company>('company_get', { id }),
	companyUpdate: (id: string, input: CompanyInput) => call<null>('company_update', { id, input }),
	/** `refuse` fails with `refused` while contacts or deals are linked, so the UI can ask what to do with them. */
	companyDelete: (id: string, mode: CompanyDeletion) => call<null>('company_delete', { id, mode }),
	companyList: (role: CompanyRole | null, limit: number, cursor: string | null) =>
		call<Page<CompanyRow>>('company_list', { role, limit, cursor }),
	/** Links a contact to a company (null unlinks); the old link stays in the contact's history. */
	contactLinkCompany: (id: string, company: string | null) => call<null>('contact_link_company', { id, company }),
	interactionAdd: (input: InteractionInput) => call<string>('interaction_add', { input }),
	interactionGet: (id: string) => call<Interaction>('interaction_get', { id }),
	interactionDelete: (id: string) => call<null>('interaction_delete', { id }),
	/** A page of a contact's, company's or deal's merged timeline, newest first. */
	timeline: (owner: TimelineOwner, limit: number, cursor: string | null) =>
		call<Page<Interaction>>('timeline', { owner, limit, cursor }),
	taskAdd: (input: TaskInput) => call<string>('task_add', { input }),
	taskUpdate: (id: string, input: TaskInput) => call<null>('task_update', { id, input }),
	taskDelete: (id: string) => call<null>('task_delete', { id }),
	taskList: (view: TaskView, limit: number, cursor: string | null) =>
		call<Page<Task>>('task_list', { view, limit, cursor }),
	/** Completes a task; with `log`, also logs an interaction and resolves to its id. */
	taskDone: (id: string, log: TaskLog | null) => call<string | null>('task_done', { id, log }),
	dealStages: () => call<Stage[]>('deal_stages'),
	dealAdd: (input: DealInput) => call<string>('deal_add', { input }),
	dealGet: (id: string) => call<Deal>('deal_get', { id }),
	dealList: (stage: string | null, limit: number, cursor: string | null) =>
		call<Page<Deal>>('deal_list', { stage, limit, cursor }),
	/** Moves a deal to a stage (name or id); lost needs a reason. */
	dealMove: (id: string, stage: string, reason: string | null) => call<null>('deal_move', { id, stage, reason }),
	/** Replaces a deal's fields; a different stage is a move (a lost stage needs dealMove with a reason). */
	dealUpdate: (id: string, input: DealInput) => call<null>('deal_update', { id, input }),
	dealDelete: (id: string) => call<null>('deal_delete', { id }),
	dealForecast: () => call<ForecastLine[]>('deal_forecast'),
	/** The morning dashboard in one round trip; `days` is the N of "contacts not touched in N days". */
	dashboard: (days: number) => call<DashboardDto>('dashboard', { days }),
	tagAdd: (kind: TaggedKind, id: string, name: string) => call<Tag>('tag_add', { kind, id, name }),
	tagRemove: (kind: TaggedKind, id: string, name: string) => call<null>('tag_remove', { kind, id, name }),
	/** Every tag, or (with kind and id) one record's tags. */
	tagList: (kind: TaggedKind | null, id: string | null) => call<Tag[]>('tag_list', { kind, id }),
	fieldDefine: (input: FieldInput) => call<string>('field_define', { input }),
	fieldList: (entity: TaggedKind) => call<FieldDef[]>('field_list', { entity }),
	/** Sets a record's custom field (name or id); null or '' clears it. A bad value fails with invalid_input naming the field. */
	fieldSet: (kind: TaggedKind, id: string, field: string, value: string | null) =>
		call<null>('field_set', { kind, id, field, value }),
	/** Filtered, sorted lists (tag, custom field, last contacted, sort); a cursor belongs to one filter and sort. */
	contactListFiltered: (filter: ContactFilterInput, limit: number, cursor: string | null) =>
		call<Page<ContactRow>>('contact_list_filtered', { filter, limit, cursor }),
	companyListFiltered: (filter: CompanyFilterInput, limit: number, cursor: string | null) =>
		call<Page<CompanyRow>>('company_list_filtered', { filter, limit, cursor }),
	dealListFiltered: (filter: DealFilterInput, limit: number, cursor: string | null) =>
		call<Page<Deal>>('deal_list_filtered', { filter, limit, cursor }),
	/** A company's supplier agreements, by start date (undated first). */
	agreementList: (company: string) => call<Agreement[]>('agreement_list', { company }),
	agreementGet: (id: string) => call<Agreement>('agreement_get', { id }),
	agreementAdd: (company: string, input: AgreementInput) => call<string>('agreement_add', { company, input }),
	agreementUpdate: (id: string, input: AgreementInput) => call<null>('agreement_update', { id, input }),
	agreementDelete: (id: string) => call<null>('agreement_delete', { id }),
	/** Agreements whose renewal reminder falls on or before `on` (null: today), soonest first. */
	agreementsDue: (on: string | null, limit: number) => call<Agreement[]>('agreements_due', { on, limit }),
	/** Pipeline stages (name or id). A stage holding deals, or the last of its kind, is `refused` where the rules say so. */
	stageGet: (stage: string) => call<Stage>('stage_get', { stage }),
	stageAdd: (input: StageInput) => call<string>('stage_add', { input }),
	stageUpdate: (stage: string, input: StageInput) => call<null>('stage_update', { stage, input }),
	/** Sets the pipeline order: every stage's id exactly once. */
	stageReorder: (stages: string[]) => call<null>('stage_reorder', { stages }),
	stageDelete: (stage: string) => call<null>('stage_delete', { stage }),

	// ----- invoicing: business profile, tax presets, products, series, invoices, payments, credit notes, PDF -----
	profileGet: () => call<BusinessProfile>('profile_get'),
	/** Replaces the profile's fields (the logo is kept). */
	profileSet: (profile: BusinessProfile) => call<null>('profile_set', { profile }),
	/** PNG or JPEG bytes (at most 1 MiB); null removes the logo. */
	profileSetLogo: (bytes: number[] | null) => call<null>('profile_set_logo', { bytes }),
	taxPresets: (country: string, lang: string) => call<TaxPresetDto[]>('tax_presets', { country, lang }),
	productAdd: (input: ProductInput) => call<string>('product_add', { input }),
	productUpdate: (id: string, input: ProductInput) => call<null>('product_update', { id, input }),
	productArchive: (id: string, archived: boolean) => call<null>('product_archive', { id, archived }),
	productGet: (id: string) => call<Product>('product_get', { id }),
	productList: (archived: boolean, limit: number, cursor: string | null) =>
		call<Page<Product>>('product_list', { archived, limit, cursor }),
	seriesList: () => call<SeriesDto[]>('series_list'),
	seriesAdd: (code: string, kind: InvoiceKind, start: number, digits: number) =>
		call<null>('series_add', { code, kind, start, digits }),
	invoiceCreate: (input: InvoiceInput) => call<string>('invoice_create', { input }),
	invoiceUpdate: (id: string, input: InvoiceInput) => call<null>('invoice_update', { id, input }),
	invoiceDelete: (id: string) => call<null>('invoice_delete', { id }),
	/** Issues a draft; resolves to its number. */
	invoiceIssue: (id: string) => call<string>('invoice_issue', { id }),
	invoiceGet: (id: string) => call<Invoice>('invoice_get', { id }),
	invoiceList: (status: InvoiceStatus | null, limit: number, cursor: string | null) =>
		call<Page<InvoiceRow>>('invoice_list', { status, limit, cursor }),
	invoicePay: (id: string, payment: PaymentInput) => call<string>('invoice_pay', { id, payment }),
	/** A draft credit note for the whole issued invoice (input null) or for the given lines; resolves to its id. */
	invoiceCredit: (id: string, input: InvoiceInput | null, reason: string | null) =>
		call<string>('invoice_credit', { id, input, reason }),
	invoiceVerifyChain: (series: string | null) => call<ChainReportDto>('invoice_verify_chain', { series }),
	/** The PDF's bytes (raw, not JSON) for the preview. */
	invoicePdf: (id: string) => call<ArrayBuffer>('invoice_pdf', { id }),
	/** Writes the PDF to a path the user picked. */
	invoicePdfSave: (id: string, path: string) => call<null>('invoice_pdf_save', { id, path }),

	// ----- money: quotes, recurring invoices, dunning, the overview, expenses, reports -----
	quoteCreate: (input: QuoteInput) => call<string>('quote_create', { input }),
	quoteUpdate: (id: string, input: QuoteInput) => call<null>('quote_update', { id, input }),
	quoteDelete: (id: string) => call<null>('quote_delete', { id }),
	/** Marks a quote sent, accepted or rejected (expired is derived). */
	quoteSetStatus: (id: string, status: QuoteStatus) => call<null>('quote_set_status', { id, status }),
	/** Turns a quote into a draft invoice in one step; resolves to the invoice's id. */
	quoteConvert: (id: string) => call<string>('quote_convert', { id }),
	quoteGet: (id: string) => call<Quote>('quote_get', { id }),
	quoteList: (status: QuoteStatus | null, limit: number, cursor: string | null) =>
		call<Page<QuoteRow>>('quote_list', { status, limit, cursor }),
	recurringCreate: (input: RecurringInput) => call<string>('recurring_create', { input }),
	recurringSetActive: (id: string, active: boolean) => call<null>('recurring_set_active', { id, active }),
	recurringDelete: (id: string) => call<null>('recurring_delete', { id }),
	recurringGet: (id: string) => call<Recurring>('recurring_get', { id }),
	recurringList: () => call<RecurringRow[]>('recurring_list'),
	/** Makes the drafts of every period that has come (called once after unlocking); never twice for a period. */
	recurringRunDue: () => call<RecurringRun[]>('recurring_run_due'),
	/** Receivables and overdue per currency, net revenue for the twelve months up to this one. */
	moneyOverview: () => call<MoneyOverview>('money_overview'),
	dunningList: (limit: number, cursor: string | null) => call<Page<OverdueRow>>('dunning_list', { limit, cursor }),
	reminderLog: (invoice: string, reminder: ReminderInput) => call<string>('reminder_log', { invoice, reminder }),
	reminderList: (invoice: string) => call<ReminderDto[]>('reminder_list', { invoice }),
	/** Records a supplier bill, with its document's bytes (PDF, JPEG or PNG) when given; resolves to its id. */
	expenseAdd: (input: ExpenseInput, bytes: number[] | null, name: string | null) =>
		call<string>('expense_add', { input, bytes, name }),
	expenseUpdate: (id: string, input: ExpenseInput) => call<null>('expense_update', { id, input }),
	expenseDelete: (id: string) => call<Expense>('expense_delete', { id }),
	expenseGet: (id: string) => call<Expense>('expense_get', { id }),
	expenseList: (filter: ExpenseFilter, limit: number, cursor: string | null) =>
		call<Page<ExpenseRow>>('expense_list', { filter, limit, cursor }),
	/** Marks a bill paid on `date` (null = today), or unpaid with `paid` false. */
	expensePay: (id: string, paid: boolean, date: string | null) => call<null>('expense_pay', { id, paid, date }),
	expenseAttach: (id: string, bytes: number[], name: string | null) =>
		call<ExpenseDocumentInfo>('expense_attach', { id, bytes, name }),
	expenseDetach: (id: string) => call<null>('expense_detach', { id }),
	/** Writes the bill's document to a path the user picked. */
	expenseDocumentSave: (id: string, path: string) => call<null>('expense_document_save', { id, path }),
	profitReport: (year: number, by: ProfitBy) => call<ProfitReport>('profit_report', { year, by }),
	vatReport: (year: number, quarter: number) => call<VatReport>('vat_report', { year, quarter }),
	/** Writes the quarter's VAT figures as CSV (decimal comma unless `point`) to a path the user picked. */
	vatReportCsvSave: (year: number, quarter: number, point: boolean, path: string) =>
		call<null>('vat_report_csv_save', { year, quarter, point, path })
};

type Handler = (payload: unknown) => void;
const localListeners = new Map<string, Set<Handler>>();

/** Deliver a backend event to this page's listeners (the dev mock and unit tests stand in for Rust). */
export function emitLocal(name: string, payload: unknown): void {
	for (const h of localListeners.get(name) ?? []) h(payload);
}

/** Subscribe to a backend event with a payload; with a replaced backend, to `emitLocal` instead. */
async function listenTo<T>(name: string, handler: (payload: T) => void): Promise<() => void> {
	if (backend) {
		const set = localListeners.get(name) ?? new Set<Handler>();
		const h: Handler = (p) => handler(p as T);
		set.add(h);
		localListeners.set(name, set);
		return () => set.delete(h);
	}
	if (!hasIpc()) return () => {};
	try {
		return await listen<T>(name, (e) => handler(e.payload));
	} catch {
		return () => {};
	}
}

/** Subscribe to backup, verify and restore progress (`backup-progress`: stage, bytes done, bytes in all). */
export function onBackupProgress(handler: (p: BackupProgress) => void): Promise<() => void> {
	return listenTo<BackupProgress>('backup-progress', handler);
}

/** Progress of a long backend task, as `{ done, total }` items. */
export interface TaskProgress {
	done: number;
	total: number;
}

/** Subscribe to the demo loader's progress; a no-op outside the Tauri window. */
export async function onDemoProgress(handler: (p: TaskProgress) => void): Promise<() => void> {
	if (!hasIpc()) return () => {};
	try {
		return await listen<TaskProgress>('demo-progress', (e) => handler(e.payload));
	} catch {
		return () => {};
	}
}

/** Subscribe to a backend event; a no-op outside the Tauri window. Returns an unsubscribe function. */
export async function onBackendEvent(name: string, handler: () => void): Promise<() => void> {
	if (!hasIpc()) return () => {};
	try {
		return await listen(name, handler);
	} catch {
		return () => {};
	}
}

/** Ask the clipboard to hold `text`; false if the web view refuses. */
export async function copyText(text: string): Promise<boolean> {
	try {
		await navigator.clipboard.writeText(text);
		return true;
	} catch {
		return false;
	}
}

/** What a native picker chooses: an existing folder, an existing backup file, or a new backup file's name. */
export type PickKind = 'folder' | 'backup-open' | 'backup-save' | 'pdf' | 'csv' | 'document';

/** Shows the system's native picker (inside the Tauri window only); resolves to the chosen path, or null. */
export async function pickPath(kind: PickKind, current: string, title: string): Promise<string | null> {
	if (!hasIpc()) return null;
	const defaultPath = current.trim() || undefined;
	const filters =
		kind === 'pdf'
			? [{ name: 'PDF', extensions: ['pdf'] }]
			: kind === 'csv'
				? [{ name: 'CSV', extensions: ['csv'] }]
				: kind === 'document'
					? [{ name: 'PDF, JPEG, PNG', extensions: ['pdf', 'jpg', 'jpeg', 'png'] }]
					: [{ name: 'Sigilo', extensions: ['sigilobak'] }];
	try {
		const picked =
			kind === 'backup-save' || kind === 'pdf' || kind === 'csv' || kind === 'document'
				? await saveDialog({ title, defaultPath, filters })
				: await openDialog({ title, defaultPath, directory: kind === 'folder', multiple: false, filters: kind === 'folder' ? undefined : filters });
		return typeof picked === 'string' ? picked : null;
	} catch {
		return null;
	}
}
