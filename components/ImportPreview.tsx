import { useState } from 'react';
import { type MessageKey, t } from '../lib/browser/i18n';
import type { ImportCandidates } from '../lib/transfer/candidates';
import type { ImportChoices, ImportPreview as Preview, SettingField, Side } from '../lib/transfer/preview';
import { WarningIcon } from './icons';

const FIELD_LIMIT = 120;
// A file of 20,000 cards must not become 20,000 rows at once: each list shows its first
// entries and says how many more there are (the import itself takes them all).
const LIST_LIMIT = 200;
const firstOf = <T,>(list: readonly T[]): readonly T[] => (list.length > LIST_LIMIT ? list.slice(0, LIST_LIMIT) : list);

function More({ total, message = 'import_more' }: { total: number; message?: 'import_more' | 'import_moreChanged' }) {
  return total > LIST_LIMIT ? <p className="muted">{t(message, total - LIST_LIMIT)}</p> : null;
}
const short = (json: string) => (json.length > FIELD_LIMIT ? `${json.slice(0, FIELD_LIMIT)}…` : json);

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

const settingText = (value: unknown) => (value === null ? t('import_settingDefault') : short(JSON.stringify(value)));

function labelOfEntry(raw: unknown, index: number): string {
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const label = record.label ?? record.Label ?? record.Name ?? record.名称 ?? record.名稱;
  return typeof label === 'string' && label.trim() ? label.slice(0, 60) : `#${index + 1}`;
}

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
}: {
  preview: Preview;
  candidates: ImportCandidates;
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
  const replacing = preview.onlyMine.length + preview.storedInvalid;

  return (
    <section className="import-preview" aria-labelledby="import-preview-title">
      <h3 id="import-preview-title">{t('import_previewTitle')}</h3>
      <p role="status" className="import-summary">
        {t('import_summary', [preview.added.length, preview.changed.length, preview.identical.length, preview.invalid.length])}
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

      {preview.added.length > 0 && (
        <details open className="import-group" data-group="added">
          <summary>{t('import_added', preview.added.length)}</summary>
          <ul>
            {firstOf(preview.added).map((card) => (
              <li key={card.id}>{card.label}</li>
            ))}
          </ul>
          <More total={preview.added.length} />
        </details>
      )}

      {preview.changed.length > 0 && (
        <details open className="import-group" data-group="changed">
          <summary>{t('import_changed', preview.changed.length)}</summary>
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
                        <td>
                          <code>{field.field}</code>
                        </td>
                        <td>{short(field.mine)}</td>
                        <td>{short(field.theirs)}</td>
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
          <More total={preview.changed.length} message="import_moreChanged" />
        </details>
      )}

      {preview.identical.length > 0 && (
        <details className="import-group" data-group="identical">
          <summary>{t('import_identical', preview.identical.length)}</summary>
          <ul>
            {firstOf(preview.identical).map((card) => (
              <li key={card.id}>{card.label}</li>
            ))}
          </ul>
          <More total={preview.identical.length} />
        </details>
      )}

      {preview.invalid.length > 0 && (
        <details open className="import-group import-invalid" data-group="invalid">
          <summary>
            <WarningIcon /> {t('import_invalid', preview.invalid.length)}
          </summary>
          <ul>
            {firstOf(preview.invalid).map((entry, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: invalid entries have no id; the list does not change while shown
              <li key={index}>
                <strong>{labelOfEntry(entry.raw, index)}</strong>
                <ul className="problems">
                  {entry.problems.slice(0, 8).map((problem) => (
                    <li key={problem}>{problem}</li>
                  ))}
                </ul>
                <More total={preview.invalid.length} />
                <details>
                  <summary>{t('import_showEntry')}</summary>
                  <pre>{safeJson(entry.raw).slice(0, 4000)}</pre>
                </details>
              </li>
            ))}
          </ul>
          <label className="checkbox">
            <input type="checkbox" checked={keepInvalid} onChange={(e) => setKeepInvalid(e.target.checked)} />
            {t('import_keepInvalid')}
          </label>
        </details>
      )}

      {preview.notes.length > 0 && (
        <details open className="import-group" data-group="notes">
          <summary>{t('import_notes', preview.notes.length)}</summary>
          <ul>
            {firstOf(preview.notes).map((note, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: notes have no id; the list does not change while shown
              <li key={index}>
                <strong>{labelOf.get(note.cardId) ?? note.cardId}</strong>: {t(note.message, note.params)}
              </li>
            ))}
          </ul>
          <More total={preview.notes.length} />
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
                  <td>{settingText(change.mine)}</td>
                  <td>{settingText(change.theirs)}</td>
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
      {replacing > 0 && <p className="muted">{t('import_replaceWarning', [preview.onlyMine.length, preview.storedInvalid])}</p>}
      <div className="row">
        <button type="button" className="button primary" onClick={() => onConfirm({ mode: 'merge', sides, keepInvalid, settingsFromFile })}>
          {t('import_merge')}
        </button>
        <button
          type="button"
          className="button danger"
          onClick={() => onConfirm({ mode: 'replace', sides, keepInvalid, settingsFromFile })}
        >
          {t('import_replace')}
        </button>
        <button type="button" className="button subtle" onClick={onCancel}>
          {t('action_cancel')}
        </button>
      </div>
    </section>
  );
}
