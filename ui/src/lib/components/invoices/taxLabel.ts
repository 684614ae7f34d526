// A tax rate's label for totals and read-only lines: the preset's own label, else the category and percent.
import type { TaxDto } from '$lib/bindings/TaxDto';
import type { TaxPresetDto } from '$lib/bindings/TaxPresetDto';
import { categoryLabel } from './messages';
import { formatPercent, rateKey } from './totals';

export function taxLabel(tax: TaxDto, presets: readonly TaxPresetDto[], tag: string, lang: 'es' | 'en'): string {
	const p = presets.find((x) => rateKey(x.tax) === rateKey(tax));
	if (p) return p.label;
	const cat = categoryLabel[lang][tax.category];
	return tax.category === 'standard' ? `${cat} ${formatPercent(tax.percent, tag)}` : cat;
}
