import { type MessageKey, t } from '../lib/browser/i18n';
import { formatPlainDate } from '../lib/dates/format';
import { isPlainDate } from '../lib/dates/plain-date';
import { providerName } from '../lib/providers/display-name';

/*
 * The import preview's field changes in words: a field's name as the card editor names it
 * (never `phoneNumber` or `updatedAt`), and its value as a person reads it (dates on the
 * user's calendar, periods in days or months, rules and modes by name), in the page's language.
 */

const FIELD_WORDS: Record<string, MessageKey> = {
  id: 'import_fieldId',
  label: 'form_label',
  providerId: 'form_provider',
  phoneNumber: 'form_phone',
  notes: 'form_notes',
  timeZone: 'import_fieldZone',
  channels: 'import_fieldChannels',
  history: 'editor_sectionHistory',
  rule: 'import_fieldRule',
  reminders: 'form_remindersEnabled',
  'channels.website': 'form_website',
  'channels.app': 'form_app',
  'channels.hotline': 'form_hotline',
  'rule.type': 'import_fieldRule',
  'rule.anchorDate': 'import_fieldAnchor',
  'rule.period': 'form_periodCycle',
  'rule.window': 'form_periodKeepAlive',
  'rule.validity': 'form_periodTopUp',
  'rule.graceDays': 'form_graceDays',
  'rule.mode': 'form_topUpMode',
  'rule.capDays': 'form_capDays',
  'rule.endDate': 'form_endDate',
  'rule.days': 'form_passDays',
  'rule.startTrigger': 'form_startTrigger',
  'rule.startDate': 'form_startDate',
  'rule.activities': 'import_fieldActivities',
  'reminders.enabled': 'form_remindersEnabled',
  'reminders.leadDays': 'form_leadDays',
  'reminders.escalate': 'form_escalate',
  'reminders.snoozedUntil': 'import_fieldSnoozed',
  overrides: 'import_fieldOverrides',
  createdAt: 'import_fieldCreated',
  updatedAt: 'import_fieldUpdated',
};

const VALUE_WORDS: Record<string, Record<string, MessageKey>> = {
  'rule.type': { cycle: 'rule_cycle', keepAlive: 'rule_keepAlive', topUp: 'rule_topUp', fixed: 'rule_fixed', pass: 'rule_pass' },
  'rule.mode': { reset: 'topUp_reset', add: 'topUp_add', max: 'topUp_max' },
  'rule.startTrigger': { purchase: 'pass_purchase', 'first-connection': 'pass_firstConnection', manual: 'pass_manual' },
};

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const VALUE_LIMIT = 120;

/** The name of a field of the preview's changes (`rule.anchorDate`) in the page's language; an unknown field keeps its key. */
export function fieldWords(field: string): string {
  const key = FIELD_WORDS[field];
  return key ? t(key) : field;
}

/**
 * A reason an entry is invalid (`phoneNumber: Invalid input`, `rule.endDate: not a calendar
 * date …`) with its field in words; the schema's bare "Invalid input" in words too. A reason
 * of another shape is kept as it is.
 */
/** The schema's reasons (lib/cards/schema.ts; zod's own is "Invalid input") in the UI language; any other as it is. */
const REASONS: Record<string, MessageKey> = {
  'Invalid input': 'import_problemInvalid',
  'not a calendar date from 1900-01-01 to 9999-12-31 (YYYY-MM-DD)': 'import_problemDate',
  'not an IANA time zone': 'import_problemZone',
  'not an https: link': 'import_problemLink',
};

function reasonWords(reason: string): string {
  const key = REASONS[reason];
  return key ? t(key) : reason;
}

export function problemWords(problem: string): string {
  const match = /^([\w.]+): (.*)$/s.exec(problem);
  if (!match) return problem;
  const [, path = '', reason = ''] = match;
  const parts = path.split('.');
  for (let length = parts.length; length > 0; length--) {
    const key = FIELD_WORDS[parts.slice(0, length).join('.')];
    if (!key) continue;
    const rest = parts.slice(length).map((part) => (/^\d+$/.test(part) ? String(Number(part) + 1) : part));
    const where = [t(key), ...rest].join(' › ');
    return `${where}: ${reasonWords(reason)}`;
  }
  return problem;
}

function isPeriod(value: unknown): value is { count: number; unit: 'days' | 'months' } {
  return typeof value === 'object' && value !== null && 'count' in value && 'unit' in value;
}

/**
 * A field's value (as the preview holds it, JSON text, or `—` where a copy lacks the field)
 * as a person reads it: dates and times formatted for `language`, periods with their unit,
 * rule types and modes by name, the provider by its name.
 */
export function valueWords(field: string, json: string, language: string): string {
  if (json === '—') return t('import_valueNone');
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return json;
  }
  const words = VALUE_WORDS[field];
  const word = words && typeof value === 'string' ? words[value] : undefined;
  if (word) return t(word);
  if (value === null || value === undefined) return t('import_valueNone');
  if (value === '') return t('import_valueEmpty');
  if (typeof value === 'boolean') return t(value ? 'import_valueOn' : 'import_valueOff');
  if (field === 'providerId' && typeof value === 'string') return providerName(value, language) ?? value;
  if (typeof value === 'string' && isPlainDate(value)) return formatPlainDate(value, language);
  if (typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value))) {
    return new Date(value).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' });
  }
  if (isPeriod(value)) return `${value.count} ${t(value.unit === 'days' ? 'unit_days' : 'unit_months')}`;
  if (Array.isArray(value) && value.every((item) => typeof item === 'number' || typeof item === 'string')) {
    return value.map((item) => (typeof item === 'number' ? item.toLocaleString(language) : item)).join(', ') || t('import_valueNone');
  }
  const text = typeof value === 'string' ? value : typeof value === 'number' ? value.toLocaleString(language) : json;
  return text.length > VALUE_LIMIT ? `${text.slice(0, VALUE_LIMIT)}…` : text;
}
