import { useEffect, useRef, useState } from 'react';
import type { CardEvent, EventKind } from '../lib/cards/schema';
import { eventKindSchema } from '../lib/cards/schema';
import { formToEvent, type EventForm, type EventFormErrors } from '../lib/cards/form';
import { newId } from '../lib/cards/ops';
import { sortedHistory } from '../lib/cards/deadlines';
import { formatPlainDate } from '../lib/dates/format';
import { DATE_INPUT_RANGE, shownDate, typedDate } from './date-input';
import { t, type MessageKey } from '../lib/browser/i18n';
import type { PlainDate } from '../lib/dates/plain-date';
import { Field } from './Field';
import { ArrowRightIcon, PlusIcon } from './icons';

export const EVENT_KIND_LABEL: Record<EventKind, MessageKey> = {
  activated: 'event_activated',
  renewed: 'event_renewed',
  'topped-up': 'event_toppedUp',
  used: 'event_used',
  'carrier-date': 'event_carrierDate',
};

export interface HistoryEditorProps {
  history: CardEvent[];
  today: PlainDate;
  language: string;
  onChange: (history: CardEvent[]) => void;
}

/** The card's history, newest first; each event can be removed, and new ones added with any date. */
export function HistoryEditor({ history, today, language, onChange }: HistoryEditorProps) {
  const blank: EventForm = { date: today, kind: 'renewed', endDate: '', amount: '', currency: '', note: '' };
  const [draft, setDraft] = useState<EventForm>(blank);
  const [errors, setErrors] = useState<EventFormErrors>({});
  const [adding, setAdding] = useState(false);
  const events = sortedHistory(history).reverse();
  // When the add form closes (added or cancelled), focus goes back to the button that opened it, not to <body>.
  const addButton = useRef<HTMLButtonElement>(null);
  const [refocus, setRefocus] = useState(false);
  useEffect(() => {
    if (refocus && !adding) {
      addButton.current?.focus();
      setRefocus(false);
    }
  }, [refocus, adding]);
  const close = () => {
    setAdding(false);
    setRefocus(true);
  };

  const add = () => {
    const result = formToEvent(draft, newId());
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    onChange([...history, result.event]);
    setDraft(blank);
    setErrors({});
    close();
  };

  return (
    <div className="history">
      {events.length === 0 ? (
        <p className="muted">{t('history_empty')}</p>
      ) : (
        <ul className="history-list">
          {events.map((event) => (
            <li key={event.id} data-event-id={event.id}>
              <span className="history-date">{formatPlainDate(event.date, language)}</span>
              <span className="history-kind">{t(EVENT_KIND_LABEL[event.kind])}</span>
              {event.endDate && (
                <span>
                  <ArrowRightIcon /> {formatPlainDate(event.endDate, language)}
                </span>
              )}
              {event.amount !== undefined && (
                <span>
                  {event.amount} {event.currency ?? ''}
                </span>
              )}
              {event.note && <span className="muted">{event.note}</span>}
              <button
                type="button"
                className="link-button danger"
                aria-label={t('history_removeLabel', [t(EVENT_KIND_LABEL[event.kind]), event.date])}
                onClick={() => onChange(history.filter((other) => other.id !== event.id))}
              >
                {t('history_remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {adding ? (
        // biome-ignore lint/a11y/useSemanticElements: it sits inside the editor's fieldset; a nested fieldset would restyle the form
        <div
          className="history-add"
          role="group"
          aria-label={t('history_add')}
          onKeyDown={(e) => {
            // Enter in one of the event's fields adds the event; it must not submit (save) the card around it.
            if (e.key === 'Enter' && e.target instanceof HTMLInputElement) {
              e.preventDefault();
              add();
            }
          }}
        >
          <Field id="event-kind" label={t('history_kind')}>
            {(props) => (
              <select {...props} value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as EventKind })}>
                {eventKindSchema.options.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(EVENT_KIND_LABEL[kind])}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="event-date" label={t('history_date')} error={errors.date}>
            {(props) => (
              <input
                {...props}
                {...DATE_INPUT_RANGE}
                type="date"
                value={shownDate(draft.date)}
                onChange={(e) => setDraft({ ...draft, date: typedDate(e.target) })}
                onBlur={(e) => setDraft({ ...draft, date: typedDate(e.target) })}
              />
            )}
          </Field>
          {draft.kind === 'carrier-date' && (
            <Field id="event-end-date" label={t('history_endDate')} error={errors.endDate}>
              {(props) => (
                <input
                  {...props}
                  {...DATE_INPUT_RANGE}
                  type="date"
                  value={shownDate(draft.endDate)}
                  onChange={(e) => setDraft({ ...draft, endDate: typedDate(e.target) })}
                  onBlur={(e) => setDraft({ ...draft, endDate: typedDate(e.target) })}
                />
              )}
            </Field>
          )}
          <Field id="event-amount" label={t('history_amount')} error={errors.amount}>
            {(props) => (
              <input {...props} inputMode="decimal" value={draft.amount} onChange={(e) => setDraft({ ...draft, amount: e.target.value })} />
            )}
          </Field>
          <Field id="event-currency" label={t('history_currency')} error={errors.currency}>
            {(props) => (
              <input
                {...props}
                maxLength={3}
                placeholder="USD"
                value={draft.currency}
                onChange={(e) => setDraft({ ...draft, currency: e.target.value })}
              />
            )}
          </Field>
          <Field id="event-note" label={t('history_note')} error={errors.note}>
            {(props) => <input {...props} value={draft.note} onChange={(e) => setDraft({ ...draft, note: e.target.value })} />}
          </Field>
          <div className="row">
            <button type="button" className="button" onClick={add}>
              {t('history_addConfirm')}
            </button>
            <button type="button" className="button subtle" onClick={close}>
              {t('action_cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button ref={addButton} type="button" className="button subtle" onClick={() => setAdding(true)}>
          <PlusIcon /> {t('history_add')}
        </button>
      )}
    </div>
  );
}
