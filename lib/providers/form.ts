import type { CardForm } from '../cards/form';
import type { Period } from '../cards/schema';
import { providerDisplayName } from './names';
import type { Provider } from './schema';
import { countsInDestinationZone } from './template';

export interface ProviderPrefill {
  form: CardForm;
  /** Fields the catalog does not know, which the user must fill in. */
  unknown: (keyof CardForm)[];
}

const setPeriod = (period: Period | null): Partial<CardForm> =>
  period ? { periodCount: String(period.count), periodUnit: period.unit } : { periodCount: '' };

/**
 * The editor's fields prefilled from a catalog entry: its rule model and
 * numbers, grace, zone and official links. Every prefilled value stays
 * editable. What the catalog does not know is left empty and named in
 * `unknown`, never guessed. The user's own dates, name and history are kept.
 */
export function prefillFromProvider(form: CardForm, provider: Provider, language: string, userTimeZone: string): ProviderPrefill {
  const unknown: (keyof CardForm)[] = [];
  const next: CardForm = {
    ...form,
    providerId: provider.id,
    label: form.label.trim() === '' ? providerDisplayName(provider, language) : form.label,
    website: provider.renewalUrl,
    app: provider.app ?? '',
    hotline: provider.hotline ?? '',
    // A pass counted in the destination's days needs the destination's zone; the user's is the starting point.
    timeZone: provider.timeZone ?? userTimeZone,
  };
  if (provider.timeZone === null && countsInDestinationZone(provider)) unknown.push('timeZone');
  const template = provider.ruleTemplate;
  if (!template) {
    next.graceDays = '';
    return { form: next, unknown: [...unknown, 'periodCount', 'graceDays'] };
  }
  next.ruleType = template.type;
  next.graceDays = template.graceDays === null ? '' : String(template.graceDays);
  switch (template.type) {
    case 'cycle':
      Object.assign(next, setPeriod(template.period));
      if (!template.period) unknown.push('periodCount');
      break;
    case 'keepAlive':
      Object.assign(next, setPeriod(template.window));
      if (!template.window) unknown.push('periodCount');
      break;
    case 'topUp':
      Object.assign(next, setPeriod(template.validity), { capDays: template.capDays === undefined ? '' : String(template.capDays) });
      if (template.mode) next.topUpMode = template.mode;
      else unknown.push('topUpMode');
      if (!template.validity) unknown.push('periodCount');
      break;
    case 'fixed':
      unknown.push('endDate');
      break;
    case 'pass':
      next.passDays = template.days === null ? '' : String(template.days);
      if (template.days === null) unknown.push('passDays');
      if (template.startTrigger) next.startTrigger = template.startTrigger;
      else unknown.push('startTrigger');
      if (next.startTrigger !== 'manual') next.startDate = '';
      break;
  }
  return { form: next, unknown };
}
