import type { Activity, Card, CardEvent, EventKind, Rule, RuleType } from './schema';
import { cardSchema } from './schema';
import { linkProblem } from '../browser/links';
import type { MessageKey } from '../browser/i18n';
import { isValidTimeZone, plainDateProblem, type PlainDate } from '../dates/plain-date';
import { formatLeadDays, parseLeadDays } from './lead-days';

/**
 * What the card editor holds: every input as the text the user typed, so a
 * half-typed value is never lost or coerced while the user is still typing.
 */
export interface CardForm {
  label: string;
  providerId: string;
  phoneNumber: string;
  notes: string;
  timeZone: string;
  website: string;
  app: string;
  hotline: string;
  ruleType: RuleType;
  /** cycle: last paid; keepAlive: last activity; topUp: last top-up. */
  anchorDate: string;
  periodCount: string;
  periodUnit: 'days' | 'months';
  topUpMode: 'reset' | 'add' | 'max';
  capDays: string;
  endDate: string;
  passDays: string;
  startTrigger: 'purchase' | 'first-connection' | 'manual';
  startDate: string;
  graceDays: string;
  /** keepAlive: the activities the carrier counts as use; none ticked: every activity counts. */
  activities: Activity[];
  remindersEnabled: boolean;
  /** Days before each deadline to remind, or empty for the user's defaults. */
  leadDays: string;
  /** `default`: on for keep-alive cards only. */
  escalate: 'default' | 'on' | 'off';
  history: CardEvent[];
}

export type CardFormField = Exclude<
  keyof CardForm,
  'history' | 'remindersEnabled' | 'escalate' | 'ruleType' | 'periodUnit' | 'topUpMode' | 'startTrigger' | 'activities'
>;
export type CardFormErrors = Partial<Record<CardFormField, MessageKey>>;

/** An empty form for a new card, counted in the user's zone from today. */
export function emptyCardForm(userTimeZone: string, today: PlainDate): CardForm {
  return {
    label: '',
    providerId: '',
    phoneNumber: '',
    notes: '',
    timeZone: userTimeZone,
    website: '',
    app: '',
    hotline: '',
    ruleType: 'cycle',
    anchorDate: today,
    periodCount: '30',
    periodUnit: 'days',
    topUpMode: 'reset',
    capDays: '',
    endDate: '',
    passDays: '',
    startTrigger: 'manual',
    startDate: today,
    graceDays: '',
    activities: [],
    remindersEnabled: true,
    leadDays: '',
    escalate: 'default',
    history: [],
  };
}

/** The form that edits an existing card. */
export function cardToForm(card: Card, today: PlainDate): CardForm {
  const form = emptyCardForm(card.timeZone, today);
  const rule = card.rule;
  Object.assign(form, {
    label: card.label,
    providerId: card.providerId ?? '',
    phoneNumber: card.phoneNumber,
    notes: card.notes,
    website: card.channels.website,
    app: card.channels.app,
    hotline: card.channels.hotline,
    ruleType: rule.type,
    graceDays: rule.graceDays === undefined ? '' : String(rule.graceDays),
    remindersEnabled: card.reminders?.enabled ?? true,
    leadDays: card.reminders?.leadDays ? formatLeadDays(card.reminders.leadDays) : '',
    escalate: card.reminders?.escalate === undefined ? 'default' : card.reminders.escalate ? 'on' : 'off',
    history: card.history,
  });
  switch (rule.type) {
    case 'cycle':
      Object.assign(form, { anchorDate: rule.anchorDate, periodCount: String(rule.period.count), periodUnit: rule.period.unit });
      break;
    case 'keepAlive':
      Object.assign(form, {
        anchorDate: rule.anchorDate,
        periodCount: String(rule.window.count),
        periodUnit: rule.window.unit,
        activities: [...(rule.activities ?? [])],
      });
      break;
    case 'topUp':
      Object.assign(form, {
        anchorDate: rule.anchorDate,
        periodCount: String(rule.validity.count),
        periodUnit: rule.validity.unit,
        topUpMode: rule.mode,
        capDays: rule.capDays === undefined ? '' : String(rule.capDays),
      });
      break;
    case 'fixed':
      form.endDate = rule.endDate;
      break;
    case 'pass':
      Object.assign(form, { passDays: String(rule.days), startTrigger: rule.startTrigger, startDate: rule.startDate ?? '' });
      break;
  }
  return form;
}

/** Every activity a keep-alive rule may count, in the order the editor shows them. */
export const ACTIVITIES: readonly Activity[] = ['call', 'sms', 'data', 'top-up'];

type Parsed<T> = { value: T } | { error: MessageKey };

/** A whole number from 1 to 3650 (or 0 when `allowZero`), as typed. */
function parseWholeNumber(text: string, allowZero = false): Parsed<number> {
  const trimmed = text.trim();
  if (trimmed === '') return { error: 'form_errorRequired' };
  // Say the smallest number this field takes: grace days may be 0, a period may not.
  const notWhole = allowZero ? 'form_errorWholeNumberZero' : 'form_errorWholeNumber';
  if (!/^\d+$/.test(trimmed)) return { error: notWhole };
  const value = Number(trimmed);
  if (value === 0 && !allowZero) return { error: notWhole };
  if (value > 3650) return { error: 'form_errorTooLarge' };
  return { value };
}

/**
 * What a date field holds when the browser's date input has text it cannot read
 * (`02/30/2026`): its value is then `''`, which would read as "required".
 */
export const BAD_DATE_INPUT = 'not-a-date';

function parseDate(text: string): Parsed<PlainDate> {
  const trimmed = text.trim();
  if (trimmed === '') return { error: 'form_errorRequired' };
  const problem = plainDateProblem(trimmed);
  if (problem === null) return { value: trimmed };
  return { error: problem === 'range' ? 'form_errorDateRange' : 'form_errorDate' };
}

function parseLink(text: string): Parsed<string> {
  const trimmed = text.trim();
  if (trimmed === '') return { value: '' };
  const problem = linkProblem(trimmed);
  if (problem === null) return { value: trimmed };
  return {
    error: problem === 'not-https' ? 'form_errorNotHttps' : problem === 'credentials' ? 'form_errorLinkCredentials' : 'form_errorLink',
  };
}

export type FormResult = { ok: true; card: Card } | { ok: false; errors: CardFormErrors };

/**
 * Validates every field and builds the card, or returns one clear message per
 * invalid field. Nothing is built from a form with any error.
 */
export function formToCard(
  form: CardForm,
  base: { id: string; createdAt: string; now: Date; reminders?: Card['reminders']; overrides?: string[] },
): FormResult {
  const errors: CardFormErrors = {};
  const take = <T>(field: CardFormField, parsed: Parsed<T>): T | undefined => {
    if ('error' in parsed) {
      errors[field] = parsed.error;
      return undefined;
    }
    return parsed.value;
  };

  const label = form.label.trim();
  if (label === '') errors.label = 'form_errorLabelEmpty';
  else if (label.length > 60) errors.label = 'form_errorLabelLong';
  if (form.phoneNumber.trim() !== '' && !/^\+?[\d\s().-]{3,32}$/.test(form.phoneNumber.trim())) errors.phoneNumber = 'form_errorPhone';
  if (!isValidTimeZone(form.timeZone.trim())) errors.timeZone = 'form_errorTimeZone';
  const website = take('website', parseLink(form.website));
  const app = take('app', parseLink(form.app));
  if (form.hotline.trim().length > 40) errors.hotline = 'form_errorHotline';
  const graceDays = form.graceDays.trim() === '' ? undefined : take('graceDays', parseWholeNumber(form.graceDays, true));
  const leadDays = form.leadDays.trim() === '' ? undefined : take('leadDays', parseLeadDays(form.leadDays));

  let rule: Rule | undefined;
  const grace = graceDays === undefined ? {} : { graceDays };
  switch (form.ruleType) {
    case 'cycle':
    case 'keepAlive':
    case 'topUp': {
      const anchorDate = take('anchorDate', parseDate(form.anchorDate));
      const count = take('periodCount', parseWholeNumber(form.periodCount));
      if (anchorDate === undefined || count === undefined) break;
      const period = { count, unit: form.periodUnit };
      if (form.ruleType === 'cycle') rule = { type: 'cycle', anchorDate, period, ...grace };
      else if (form.ruleType === 'keepAlive') {
        // In the catalog's order, so the same choice is always stored the same way.
        const activities = ACTIVITIES.filter((activity) => form.activities.includes(activity));
        rule = { type: 'keepAlive', anchorDate, window: period, ...grace, ...(activities.length ? { activities } : {}) };
      } else {
        const capDays = form.capDays.trim() === '' ? undefined : take('capDays', parseWholeNumber(form.capDays));
        if (form.capDays.trim() !== '' && capDays === undefined) break;
        rule = {
          type: 'topUp',
          anchorDate,
          validity: period,
          mode: form.topUpMode,
          ...(capDays === undefined ? {} : { capDays }),
          ...grace,
        };
      }
      break;
    }
    case 'fixed': {
      const endDate = take('endDate', parseDate(form.endDate));
      if (endDate !== undefined) rule = { type: 'fixed', endDate, ...grace };
      break;
    }
    case 'pass': {
      const days = take('passDays', parseWholeNumber(form.passDays));
      // Only a pass that starts on a given day needs the day now; the others may start later.
      const needsStart = form.startTrigger === 'manual';
      const startDate = form.startDate.trim() === '' && !needsStart ? null : take('startDate', parseDate(form.startDate));
      if (days !== undefined && startDate !== undefined)
        rule = { type: 'pass', days, startTrigger: form.startTrigger, startDate, ...grace };
      break;
    }
  }

  if (Object.keys(errors).length > 0 || !rule) return { ok: false, errors };
  const card: Card = {
    id: base.id,
    label,
    providerId: form.providerId.trim() === '' ? null : form.providerId.trim(),
    phoneNumber: form.phoneNumber.trim(),
    notes: form.notes.trim(),
    timeZone: form.timeZone.trim(),
    channels: { website: website ?? '', app: app ?? '', hotline: form.hotline.trim() },
    rule,
    history: form.history,
    reminders: reminderPrefs(base.reminders, form.remindersEnabled, leadDays, form.escalate),
    ...(base.overrides ? { overrides: base.overrides } : {}),
    createdAt: base.createdAt,
    updatedAt: base.now.toISOString(),
  };
  // The schema is the last word: whatever it refuses is not saved.
  const checked = cardSchema.safeParse(card);
  if (!checked.success) return { ok: false, errors: { label: 'form_errorUnknown' } };
  return { ok: true, card: checked.data };
}

/** The card's reminder preferences from the form; a snooze in force is kept. */
function reminderPrefs(
  previous: Card['reminders'],
  enabled: boolean,
  leadDays: number[] | undefined,
  escalate: CardForm['escalate'],
): NonNullable<Card['reminders']> {
  const prefs: NonNullable<Card['reminders']> = { enabled };
  if (leadDays) prefs.leadDays = leadDays;
  if (escalate !== 'default') prefs.escalate = escalate === 'on';
  if (previous?.snoozedUntil) prefs.snoozedUntil = previous.snoozedUntil;
  return prefs;
}

export interface EventForm {
  date: string;
  kind: EventKind;
  endDate: string;
  amount: string;
  currency: string;
  note: string;
}

export type EventFormErrors = Partial<Record<'date' | 'endDate' | 'amount' | 'currency' | 'note', MessageKey>>;

/** Validates a history event typed by the user. */
export function formToEvent(form: EventForm, id: string): { ok: true; event: CardEvent } | { ok: false; errors: EventFormErrors } {
  const errors: EventFormErrors = {};
  const date = parseDate(form.date);
  if ('error' in date) errors.date = date.error;
  let endDate: string | undefined;
  if (form.kind === 'carrier-date') {
    const parsed = parseDate(form.endDate);
    if ('error' in parsed) errors.endDate = parsed.error;
    else endDate = parsed.value;
  }
  let amount: number | undefined;
  if (form.amount.trim() !== '') {
    const value = Number(form.amount.trim());
    if (!Number.isFinite(value) || value < 0) errors.amount = 'form_errorAmount';
    else amount = value;
  }
  const currency = form.currency.trim().toUpperCase();
  if (currency !== '' && !/^[A-Z]{3}$/.test(currency)) errors.currency = 'form_errorCurrency';
  if (form.note.length > 500) errors.note = 'form_errorNoteLong';
  if (Object.keys(errors).length > 0 || 'error' in date) return { ok: false, errors };
  const event: CardEvent = {
    id,
    date: date.value,
    kind: form.kind,
    ...(endDate ? { endDate } : {}),
    ...(amount !== undefined ? { amount } : {}),
    ...(currency ? { currency } : {}),
    ...(form.note.trim() ? { note: form.note.trim() } : {}),
  };
  return { ok: true, event };
}

export { mergeEdit } from './merge-edit';

/** Form fields that describe the rule, and the rule key each one writes. */
const RULE_KEY_OF_FIELD: Partial<Record<keyof CardForm, (type: RuleType) => string>> = {
  anchorDate: () => 'anchorDate',
  periodCount: periodKeyOf,
  periodUnit: periodKeyOf,
  topUpMode: () => 'mode',
  capDays: () => 'capDays',
  endDate: () => 'endDate',
  passDays: () => 'days',
  startTrigger: () => 'startTrigger',
  startDate: () => 'startDate',
  graceDays: () => 'graceDays',
  activities: () => 'activities',
};

function periodKeyOf(type: RuleType): string {
  return type === 'keepAlive' ? 'window' : type === 'topUp' ? 'validity' : 'period';
}

const sameFormValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Copies `key` from `from` to `to`, or deletes it from `to` when `from` has none. */
function takeKey(to: Record<string, unknown>, from: object, key: string): void {
  const value = (from as Record<string, unknown>)[key];
  if (value === undefined) delete to[key];
  else to[key] = value;
}

/**
 * The stored card with only what the user changed in the editor: a field is
 * taken from `built` (the card `formToCard` made of `form`) only when its input
 * differs from `initial`, the form the editor opened with. Everything the user
 * left alone stays exactly as stored, even where the form would write it another
 * way (a note with a trailing space, lead days in the user's order, activities
 * the form has no way to show, a reminder setting left absent). With nothing
 * changed, `original` itself comes back.
 *
 * @example
 * editedCard(card, cardToForm(card, today), { ...cardToForm(card, today), notes: 'new' }, built)
 * //=> { ...card, notes: 'new', updatedAt: built.updatedAt }
 */
export function editedCard(original: Card, initial: CardForm, form: CardForm, built: Card): Card {
  const changed = (field: keyof CardForm) => !sameFormValue(form[field], initial[field]);
  const fields = Object.keys(form) as (keyof CardForm)[];
  if (!fields.some(changed)) return original;
  const card: Record<string, unknown> = { ...original, updatedAt: built.updatedAt };
  const top = {
    label: 'label',
    providerId: 'providerId',
    phoneNumber: 'phoneNumber',
    notes: 'notes',
    timeZone: 'timeZone',
    history: 'history',
  };
  for (const [field, key] of Object.entries(top)) if (changed(field as keyof CardForm)) takeKey(card, built, key);

  const channelFields = { website: 'website', app: 'app', hotline: 'hotline' } as const;
  if ((Object.keys(channelFields) as (keyof typeof channelFields)[]).some(changed)) {
    const channels: Record<string, unknown> = { ...original.channels };
    for (const [field, key] of Object.entries(channelFields)) if (changed(field as keyof CardForm)) takeKey(channels, built.channels, key);
    card.channels = channels;
  }

  if (changed('ruleType')) card.rule = built.rule;
  else {
    const ruleFields = fields.filter((field) => RULE_KEY_OF_FIELD[field] && changed(field));
    if (ruleFields.length > 0) {
      const rule: Record<string, unknown> = { ...original.rule };
      for (const field of ruleFields) {
        const key = RULE_KEY_OF_FIELD[field]!(original.rule.type);
        // A field of another rule type (a pass's days typed on a cycle card) has no place in this rule.
        if (RULE_KEYS[original.rule.type].includes(key)) takeKey(rule, built.rule, key);
      }
      card.rule = rule;
    }
  }

  if (changed('remindersEnabled') || changed('leadDays') || changed('escalate')) {
    const reminders: Record<string, unknown> = { ...(original.reminders ?? { enabled: true }) };
    const fromForm = built.reminders ?? { enabled: form.remindersEnabled };
    if (changed('remindersEnabled')) reminders.enabled = fromForm.enabled;
    if (changed('leadDays')) takeKey(reminders, fromForm, 'leadDays');
    if (changed('escalate')) takeKey(reminders, fromForm, 'escalate');
    card.reminders = reminders;
  }
  return card as Card;
}

const RULE_KEYS: Record<RuleType, readonly string[]> = {
  fixed: ['endDate', 'graceDays'],
  cycle: ['anchorDate', 'period', 'graceDays'],
  keepAlive: ['anchorDate', 'window', 'graceDays', 'activities'],
  topUp: ['anchorDate', 'validity', 'mode', 'capDays', 'graceDays'],
  pass: ['days', 'startTrigger', 'startDate', 'graceDays'],
};
