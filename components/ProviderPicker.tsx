import { useId, useMemo, useState } from 'react';
import { t } from '../lib/browser/i18n';
import { searchProviders } from '../lib/providers/search';
import { providerById } from '../lib/providers/catalog';
import { CONFIDENCE_MESSAGE } from '../lib/providers/labels';
import { providerDisplayName } from '../lib/providers/names';
import { providerNotes } from '../lib/providers/notes';
import type { Provider } from '../lib/providers/schema';

export interface ProviderPickerProps {
  providerId: string;
  language: string;
  onPick: (provider: Provider) => void;
  onClear: () => void;
}

/**
 * Finds a provider by English or Chinese name or nickname ("giff", "紫卡", "遠遊")
 * and shows where the chosen provider's rule comes from and how sure it is.
 */
export function ProviderPicker({ providerId, language, onPick, onClear }: ProviderPickerProps) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const chosen = providerId ? providerById(providerId) : undefined;
  const notes = chosen ? providerNotes(chosen, language) : null;
  const matches = useMemo(() => (query.trim() ? searchProviders(query).slice(0, 8) : []), [query]);

  const pick = (provider: Provider) => {
    onPick(provider);
    setQuery('');
    setOpen(false);
  };

  return (
    <div className="field provider-picker">
      <label htmlFor="field-provider">{t('form_provider')}</label>
      {chosen && (
        <div className="provider-chosen" data-testid="provider-chosen">
          <div className="row">
            <strong>{providerDisplayName(chosen, language)}</strong>
            <span className={`confidence confidence-${chosen.confidence}`}>{t(CONFIDENCE_MESSAGE[chosen.confidence])}</span>
            <button type="button" className="link-button" onClick={onClear}>
              {t('form_providerClear')}
            </button>
          </div>
          {notes && (
            <p className="muted" data-testid="provider-notes">
              {notes.inUiLanguage ? (
                notes.text
              ) : (
                <>
                  <span lang="en">{notes.text}</span> {t('provider_notesEnglish')}
                </>
              )}
            </p>
          )}
          <p className="muted">{t('provider_source_line', [chosen.source, chosen.checked])}</p>
        </div>
      )}
      {providerId && !chosen && <p className="muted">{t('form_providerUnknownId', providerId)}</p>}
      <input
        id="field-provider"
        type="search"
        role="combobox"
        aria-expanded={open && matches.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && matches[active] ? `${listId}-option-${active}` : undefined}
        autoComplete="off"
        placeholder={t('provider_search_placeholder')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            // The arrows move the highlight (announced through aria-activedescendant), not the caret; a closed list opens.
            e.preventDefault();
            if (!open) setOpen(true);
            else setActive((i) => (e.key === 'ArrowDown' ? Math.min(i + 1, matches.length - 1) : Math.max(i - 1, 0)));
          } else if (e.key === 'Enter') {
            // Enter picks the highlighted provider, or does nothing: it never submits the card around the search.
            e.preventDefault();
            if (matches[active]) pick(matches[active].provider);
          } else if (e.key === 'Escape' && open && query.trim() !== '') {
            // Closes the list only; the editor around it leaves on Escape when there is no list to close.
            e.preventDefault();
            setOpen(false);
          }
        }}
      />
      {/* No match: a message read as it changes, not an empty listbox (a listbox holds options only). */}
      {open && query.trim() !== '' && matches.length === 0 && (
        <p className="provider-options muted" role="status">
          {t('provider_no_match', query)}
        </p>
      )}
      {open && matches.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA combobox pattern; the input keeps focus and the keys (aria-activedescendant)
        <ul className="provider-options" role="listbox" id={listId} aria-label={t('form_provider')}>
          {matches.map(({ provider, matched }, index) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the input handles the keys for every option (combobox pattern)
            // biome-ignore lint/a11y/useFocusableInteractive: options are never focused; the input keeps focus (aria-activedescendant)
            <li
              key={provider.id}
              // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: an option of the combobox above; arrow keys and Enter reach it through the input
              role="option"
              id={`${listId}-option-${index}`}
              aria-selected={index === active}
              className={index === active ? 'active' : undefined}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(provider)}
            >
              <strong>{providerDisplayName(provider, language)}</strong>
              {matched && matched !== providerDisplayName(provider, language) && <span className="muted"> · {matched}</span>}
              <span className="muted"> · {provider.country}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
