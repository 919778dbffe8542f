import { t, type MessageKey } from '../browser/i18n';
import type { CardFormErrors, CardFormField } from './form';
import type { RuleType } from './schema';

/** The label of the date field each rule counts from. */
export const ANCHOR_LABEL: Partial<Record<RuleType, MessageKey>> = {
  cycle: 'form_anchorCycle',
  keepAlive: 'form_anchorKeepAlive',
  topUp: 'form_anchorTopUp',
};

/** The label of the length field of each rule. */
export const PERIOD_LABEL: Partial<Record<RuleType, MessageKey>> = {
  cycle: 'form_periodCycle',
  keepAlive: 'form_periodKeepAlive',
  topUp: 'form_periodTopUp',
};

const FIELD_LABEL: Record<Exclude<CardFormField, 'anchorDate' | 'periodCount'>, MessageKey> = {
  label: 'form_label',
  providerId: 'form_provider',
  phoneNumber: 'form_phone',
  notes: 'form_notes',
  timeZone: 'form_timeZone',
  website: 'form_website',
  app: 'form_app',
  hotline: 'form_hotline',
  capDays: 'form_capDays',
  endDate: 'form_endDate',
  passDays: 'form_passDays',
  startDate: 'form_startDate',
  graceDays: 'form_graceDays',
  leadDays: 'form_leadDays',
};

/** The editor's order of the fields, top to bottom. */
const FIELD_ORDER: readonly CardFormField[] = [
  'label',
  'providerId',
  'phoneNumber',
  'notes',
  'anchorDate',
  'periodCount',
  'capDays',
  'endDate',
  'passDays',
  'startDate',
  'graceDays',
  'timeZone',
  'website',
  'app',
  'hotline',
  'leadDays',
];

/** The label the editor shows on `field` for a card of `ruleType`. */
export function fieldLabelKey(field: CardFormField, ruleType: RuleType): MessageKey {
  if (field === 'anchorDate') return ANCHOR_LABEL[ruleType] ?? 'form_startDate';
  if (field === 'periodCount') return PERIOD_LABEL[ruleType] ?? 'form_periodCycle';
  return FIELD_LABEL[field];
}

/**
 * Why the editor cannot show the deadline yet, naming each field to fill in or
 * fix, in the editor's order: "To see the deadline, fill in or fix: Name." (the
 * name alone is enough to hold the preview back, so it is named, not "the rule").
 */
export function previewBlockedText(errors: CardFormErrors, ruleType: RuleType, language: string): string {
  const labels = FIELD_ORDER.filter((field) => errors[field]).map((field) => t(fieldLabelKey(field, ruleType)));
  if (labels.length === 0) return t('editor_previewIncomplete');
  return t('editor_previewNeeds', new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(labels));
}
