import { useState } from 'react';
import { t, tPlural } from '../lib/browser/i18n';
import { discardInvalidEntry, type InvalidEntry } from '../lib/store/storage';
import { WarningIcon } from './icons';

/**
 * Stored entries that are not valid cards. They stay in storage untouched until
 * the user copies them out and discards them on purpose.
 */
export function InvalidEntries({ entries, readOnly = false }: { entries: InvalidEntry[]; readOnly?: boolean }) {
  const [confirming, setConfirming] = useState<string | null>(null);
  if (entries.length === 0) return null;
  return (
    <section className="invalid-entries" aria-labelledby="invalid-title">
      <h2 id="invalid-title">
        <WarningIcon /> {tPlural('invalid_title', entries.length)}
      </h2>
      <p>{t('invalid_body')}</p>
      <ul>
        {entries.map((entry, index) => {
          const json = JSON.stringify(entry.raw);
          const label =
            typeof entry.raw === 'object' && entry.raw && 'label' in entry.raw
              ? String((entry.raw as { label: unknown }).label)
              : `#${index + 1}`;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: invalid entries have no id; position and content together are stable
            <li key={`${index}-${json}`}>
              <strong>{label}</strong>
              <ul className="problems">
                {entry.problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
              <details>
                <summary>{t('invalid_showData')}</summary>
                <pre>{JSON.stringify(entry.raw, null, 2)}</pre>
              </details>
              <div className="row">
                <button
                  type="button"
                  className="button subtle"
                  onClick={() => void navigator.clipboard.writeText(JSON.stringify(entry.raw, null, 2))}
                >
                  {t('invalid_copy')}
                </button>
                {readOnly ? null : confirming === json ? (
                  <>
                    <span>{t('invalid_confirmDiscard')}</span>
                    <button type="button" className="button danger" onClick={() => void discardInvalidEntry(json)}>
                      {t('invalid_discard')}
                    </button>
                    <button type="button" className="button subtle" onClick={() => setConfirming(null)}>
                      {t('action_cancel')}
                    </button>
                  </>
                ) : (
                  <button type="button" className="button subtle danger" onClick={() => setConfirming(json)}>
                    {t('invalid_discard')}…
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
