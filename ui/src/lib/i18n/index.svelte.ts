// Typed i18n: the current locale (system or user choice) and its dictionary, reactive through Svelte runes.
import { en } from './en';
import { es, type Messages } from './es';

export type Locale = 'es' | 'en';
export type { Messages, Section } from './es';

export const dictionaries: Record<Locale, Messages> = { es, en };

/** The locale implied by the system language list: Spanish for any `es*`, English otherwise. */
export function systemLocale(languages: readonly string[] | undefined): Locale {
	for (const tag of languages ?? []) {
		const base = tag.toLowerCase().split(/[-_]/)[0];
		if (base === 'es') return 'es';
		if (base === 'en') return 'en';
	}
	return 'en';
}

/** BCP 47 tag used for Intl formatting. */
export function intlTag(locale: Locale): string {
	return locale === 'es' ? 'es-ES' : 'en-GB';
}

function navigatorLanguages(): readonly string[] {
	if (typeof navigator === 'undefined') return [];
	return navigator.languages?.length ? navigator.languages : [navigator.language];
}

class I18n {
	/** The user's choice from settings; null follows the system. */
	choice = $state<Locale | null>(null);
	locale = $derived<Locale>(this.choice ?? systemLocale(navigatorLanguages()));
	m = $derived<Messages>(dictionaries[this.locale]);
	tag = $derived(intlTag(this.locale));

	setChoice(choice: Locale | null): void {
		this.choice = choice;
		if (typeof document !== 'undefined') document.documentElement.lang = this.locale;
	}
}

export const i18n = new I18n();
