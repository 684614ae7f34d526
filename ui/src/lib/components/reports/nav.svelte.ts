// Which report tab to show, and a quote's lines handed to the recurring template editor (Home and quotes link here).
import type { QuoteDraft } from '../quotes/quoteDraft';
import type { ReportTab } from './messages';

export const reportsNav = $state<{ tab: ReportTab; recurringDraft: QuoteDraft | null }>({ tab: 'profit', recurringDraft: null });
