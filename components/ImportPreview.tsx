import type { ImportRoom } from '../lib/store/room';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { type MessageKey, t, tPlural, uiLanguage } from '../lib/browser/i18n';
import type { ImportCandidates } from '../lib/transfer/candidates';
import { type ImportChoices, type ImportPreview as Preview, PREVIEW_LIMIT, type SettingField, type Side } from '../lib/transfer/preview';
import { WarningIcon } from './icons';
import { fieldWords, problemWords, valueWords } from './import-field-words';

// A file of 20,000 cards must not become 20,000 rows at once: each list shows its first
// entries and says how many more there are (the import itself takes them all).
const LIST_LIMIT = PREVIEW_LIMIT;
const firstOf = <T,>(list: readonly T[]): readonly T[] => (list.length > LIST_LIMIT ? list.slice(0, LIST_LIMIT) : list);

function More({ total, message = 'import_more' }: { total: number; message?: 'import_more' | 'import_moreChanged' }) {
  return total > LIST_LIMIT ? <p className="muted">{t(message, total - LIST_LIMIT)}</p> : null;
}
function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

const SETTING_LABELS: Record<SettingField, MessageKey> = {
  timeZone: 'settings_zone',
  reminderTime: 'settings_reminderTime',
  leadDays: 'settings_leadDays',
  escalateHours: 'settings_escalateHours',
  conversion: 'import_settingConversion',
};

const settingText = (field: SettingField, value: unknown) =>
  value === null ? t('import_settingDefault') : valueWords(field, JSON.stringify(value), uiLanguage());

function labelOfEntry(raw: unknown, index: number): string {
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const label = record.label ?? record.Label ?? record.Name ?? record.名称 ?? record.名稱;
  return typeof label === 'string' && label.trim() ? label.slice(0, 60) : `#${index + 1}`;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea, summary, [tabindex]:not([tabindex="-1"])';

/**
 * Tab from the dialog's last control goes to its first, Shift+Tab from the first to the last:
 * a modal dialog makes the page inert, but Chromium would still tab out to its own toolbar.
 */
function keepTabInside(event: KeyboardEvent<HTMLDialogElement>): void {
  if (event.key !== 'Tab') return;
  const controls = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (element) => element.getClientRects().length > 0,
  );
  const [first, last] = [controls[0], controls.at(-1)];
  if (!first || !last) return;
  const active = document.activeElement;
  if (event.shiftKey && (active === first || active === event.currentTarget)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}

/** Bytes as megabytes with one decimal, in the UI language. */
export const megabytes = (bytes: number) =>
  new Intl.NumberFormat(uiLanguage(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(bytes / 1_048_576);

/**
 * What an import would do, before anything is written: new cards, cards that
 * would change (field by field, each with a Keep mine / Take theirs choice),
 * identical cards, invalid entries with reasons, and what could not be mapped.
 */
export function ImportPreview({
  preview,
  candidates,
  onConfirm,
  onCancel,
  onCurrencyAnswer,
  room = null,
}: {
  preview: Preview;
  /** What each choice would need in the browser's storage, where it is limited: a choice that does not fit is refused here. */
  room?: ImportRoom | null;
  /** Its currency questions, and (at least) the cards its shown notes are about. */
  candidates: Pick<ImportCandidates, 'questions' | 'cards'>;
  onConfirm: (choices: ImportChoices) => void;
  onCancel: () => void;
  /** The user picked the currency a shared symbol means (`null`: keep the prices as written); the file is read again. */
  onCurrencyAnswer?: (symbol: string, currency: string | null) => void;
}) {
  const [sides, setSides] = useState<Map<string, Side>>(() => new Map(preview.changed.map((c) => [c.mine.id, c.defaultSide])));
  const [keepInvalid, setKeepInvalid] = useState(true);
  // Every setting that differs starts on the file's side, as a restore means to bring them back; each can be flipped.
  const [settingSides, setSettingSides] = useState<Map<SettingField, Side>>(() => new Map());
  const settingSide = (field: SettingField): Side => settingSides.get(field) ?? 'theirs';
  const settingsFromFile = new Set(
    preview.settingsChanges.map((change) => change.field).filter((field) => settingSide(field) === 'theirs'),
  );
  const setAllSettings = (side: Side) => setSettingSides(new Map(preview.settingsChanges.map((change) => [change.field, side])));
  const labelOf = new Map(candidates.cards.map((card) => [card.id, card.label]));
  const language = uiLanguage();
  const dialog = useRef<HTMLDialogElement>(null);
  // A modal dialog: the page behind is inert, Tab stays inside, Escape cancels (the opener gets focus back).
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  const replacing = preview.counts.onlyMine + preview.storedInvalid;
  const mergeTooLarge = room !== null && room.merge > room.limit;
  const replaceTooLarge = room !== null && room.replace > room.limit;

  return (
    <dialog
      ref={dialog}
      className="import-preview"
      aria-labelledby="import-preview-title"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      onKeyDown={keepTabInside}
    >
      <h3 id="import-preview-title">{t('import_previewTitle')}</h3>
      <p role="status" className="import-summary">
        {t('import_summary', [preview.counts.added, preview.counts.changed, preview.counts.identical, preview.counts.invalid])}
      </p>

      {(candidates.questions ?? []).map((question) => (
        <div key={question.symbol} className="field import-question" data-question={question.symbol}>
          <label htmlFor={`currency-${question.symbol}`}>{t('import_currencyQuestion', [question.symbol, question.count])}</label>
          <select
            id={`currency-${question.symbol}`}
            value={question.answer ?? ''}
            onChange={(e) => onCurrencyAnswer?.(question.symbol, e.target.value || null)}
          >
            <option value="">{t('import_currencyAsWritten')}</option>
            {question.choices.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </div>
      ))}

      {preview.counts.added > 0 && (
        <details open className="import-group" data-group="added">
          <summary>{t('import_added', preview.counts.added)}</summary>
          <ul>
            {firstOf(preview.added).map((card) => (
              <li key={card.id}>{card.label}</li>
            ))}
          </ul>
          <More total={preview.counts.added} />
        </details>
      )}

      {preview.counts.changed > 0 && (
        <details open className="import-group" data-group="changed">
          <summary>{t('import_changed', preview.counts.changed)}</summary>
          {firstOf(preview.changed).map((change) => (
            <div key={change.mine.id} className="import-change" data-card-id={change.mine.id}>
              <strong>{change.mine.label}</strong>
              {change.fields.length > 0 && (
                <table className="import-fields">
                  <thead>
                    <tr>
                      <th>{t('import_colField')}</th>
                      <th>{t('import_colMine')}</th>
                      <th>{t('import_colTheirs')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {change.fields.map((field) => (
                      <tr key={field.field}>
                        <th scope="row">{fieldWords(field.field)}</th>
                        <td>{valueWords(field.field, field.mine, language)}</td>
                        <td>{valueWords(field.field, field.theirs, language)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {change.newEvents.length > 0 && <p className="muted">{t('import_newEvents', change.newEvents.length)}</p>}
              {change.fields.length > 0 && (
                <fieldset className="import-side">
                  <legend className="visually-hidden">{t('import_sideLegend', change.mine.label)}</legend>
                  {(['mine', 'theirs'] as const).map((side) => (
                    <label key={side} className="checkbox">
                      <input
                        type="radio"
                        name={`side-${change.mine.id}`}
                        checked={sides.get(change.mine.id) === side}
                        onChange={() => setSides(new Map(sides).set(change.mine.id, side))}
                      />
                      {t(side === 'mine' ? 'import_keepMine' : 'import_takeTheirs')}
                      {change.defaultSide === side && <span className="muted"> ({t('import_newer')})</span>}
                    </label>
                  ))}
                </fieldset>
              )}
            </div>
          ))}
          <More total={preview.counts.changed} message="import_moreChanged" />
        </details>
      )}

      {preview.counts.identical > 0 && (
        <details className="import-group" data-group="identical">
          <summary>{t('import_identical', preview.counts.identical)}</summary>
          <ul>
            {firstOf(preview.identical).map((card) => (
              <li key={card.id}>{card.label}</li>
            ))}
          </ul>
          <More total={preview.counts.identical} />
        </details>
      )}

      {preview.counts.invalid > 0 && (
        <details open className="import-group import-invalid" data-group="invalid">
          <summary>
            <WarningIcon /> {t('import_invalid', preview.counts.invalid)}
          </summary>
          <ul>
            {firstOf(preview.invalid).map((entry, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: invalid entries have no id; the list does not change while shown
              <li key={index}>
                <strong>{labelOfEntry(entry.raw, index)}</strong>
                <ul className="problems">
                  {entry.problems.slice(0, 8).map((problem) => (
                    <li key={problem}>{problemWords(problem)}</li>
                  ))}
                </ul>
                <details>
                  <summary>{t('import_showEntry')}</summary>
                  <pre>{safeJson(entry.raw).slice(0, 4000)}</pre>
                </details>
              </li>
            ))}
          </ul>
          <More total={preview.counts.invalid} />
          <label className="checkbox">
            <input type="checkbox" checked={keepInvalid} onChange={(e) => setKeepInvalid(e.target.checked)} />
            {t('import_keepInvalid')}
          </label>
        </details>
      )}

      {preview.counts.notes > 0 && (
        <details open className="import-group" data-group="notes">
          <summary>{t('import_notes', preview.counts.notes)}</summary>
          <ul>
            {firstOf(preview.notes).map((note, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: notes have no id; the list does not change while shown
              <li key={index}>
                <strong>{labelOf.get(note.cardId) ?? note.cardId}</strong>: {t(note.message, note.params)}
              </li>
            ))}
          </ul>
          <More total={preview.counts.notes} />
        </details>
      )}

      {preview.settingsChanges.length > 0 && (
        <details open className="import-group" data-group="settings">
          <summary>{t('import_settingsGroup', preview.settingsChanges.length)}</summary>
          <p className="muted">{t('import_settingsHint')}</p>
          <table className="import-fields">
            <thead>
              <tr>
                <th>{t('import_colField')}</th>
                <th>{t('import_colMine')}</th>
                <th>{t('import_colTheirs')}</th>
                <th>
                  <span className="visually-hidden">{t('import_settingsChoice')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {preview.settingsChanges.map((change) => (
                <tr key={change.field} data-setting={change.field}>
                  <td>{t(SETTING_LABELS[change.field])}</td>
                  <td>{settingText(change.field, change.mine)}</td>
                  <td>{settingText(change.field, change.theirs)}</td>
                  <td>
                    {(['mine', 'theirs'] as const).map((side) => (
                      <label key={side} className="checkbox">
                        <input
                          type="radio"
                          name={`setting-${change.field}`}
                          checked={settingSide(change.field) === side}
                          onChange={() => setSettingSides(new Map(settingSides).set(change.field, side))}
                        />
                        {t(side === 'mine' ? 'import_keepMine' : 'import_takeTheirs')}
                      </label>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="row">
            <button type="button" className="button subtle" onClick={() => setAllSettings('mine')}>
              {t('import_settingsKeepAll')}
            </button>
            <button type="button" className="button subtle" onClick={() => setAllSettings('theirs')}>
              {t('import_settingsTakeAll')}
            </button>
          </div>
        </details>
      )}

      <p className="muted">{t('import_undoHint')}</p>
      {replacing > 0 && <p className="muted">{replaceWarning(preview.counts.onlyMine, preview.storedInvalid)}</p>}
      {mergeTooLarge && (
        <p className="field-error" id="import-room-merge">
          {t('import_tooLargeMerge', [megabytes(room.merge), megabytes(room.limit)])}
        </p>
      )}
      {replaceTooLarge && (
        <p className="field-error" id="import-room-replace">
          {t('import_tooLargeReplace', [megabytes(room.replace), megabytes(room.limit)])}
        </p>
      )}
      <div className="row">
        <button
          type="button"
          className="button primary"
          disabled={mergeTooLarge}
          {...(mergeTooLarge ? { 'aria-describedby': 'import-room-merge' } : {})}
          onClick={() => onConfirm({ mode: 'merge', sides, keepInvalid, settingsFromFile })}
        >
          {t('import_merge')}
        </button>
        <button
          type="button"
          className="button danger"
          disabled={replaceTooLarge}
          {...(replaceTooLarge ? { 'aria-describedby': 'import-room-replace' } : {})}
          onClick={() => onConfirm({ mode: 'replace', sides, keepInvalid, settingsFromFile })}
        >
          {t('import_replace')}
        </button>
        <button type="button" className="button subtle" onClick={onCancel}>
          {t('action_cancel')}
        </button>
      </div>
    </dialog>
  );
}

/** What Replace all would remove, naming only what there is: never "0 entries kept aside". */
function replaceWarning(cards: number, keptAside: number): string {
  const cardWords = tPlural('import_replaceCards', cards);
  const keptAsideWords = tPlural('import_replaceKeptAside', keptAside);
  if (cards > 0 && keptAside > 0) return t('import_replaceWarningBoth', [cardWords, keptAsideWords]);
  return t('import_replaceWarning', [cards > 0 ? cardWords : keptAsideWords]);
}
