// The contact, company and deal lists' filters, kept for the session so they survive opening a record and coming back.
import { emptyFilter, type ListFilter } from './filterState';

export const listFilters = $state<{ contact: ListFilter; company: ListFilter; deal: ListFilter }>({
	contact: emptyFilter(),
	company: emptyFilter(),
	deal: emptyFilter()
});
