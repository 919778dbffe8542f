import { useMemo, useState, type KeyboardEvent } from 'react';
import { t, uiLanguage } from '../lib/browser/i18n';
import { browserTimeZone } from '../lib/dates/browser-zone';
import { filterZoneGroups, zoneGroups } from '../lib/dates/zone-list';

function allTimeZones(): string[] {
  return typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
}

export interface TimeZoneSelectProps {
  id: string;
  value: string;
  onChange: (zone: string) => void;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string | undefined;
  /** The UI language (default: the browser's); the browser's zone (default: its own); now (default: the clock). */
  language?: string;
  browserZone?: string;
  now?: Date;
}

/**
 * Every IANA zone the browser knows, as a native select grouped by region (the
 * browser's zone first), each zone named by its city in the UI language with its
 * offset now ("台北 (UTC+8)"), and a filter box above it that narrows the list by
 * city, region, IANA name or offset. The current value is always listed, even one
 * the browser does not know, so nothing is changed by opening the editor.
 */
export function TimeZoneSelect({ value, onChange, language, browserZone, now, ...rest }: TimeZoneSelectProps) {
  const lang = language ?? uiLanguage();
  const ownZone = browserZone ?? browserTimeZone();
  // The offsets are those of the day the page opened: the list does not need to move with the clock.
  const [openedAt] = useState(() => now ?? new Date());
  const groups = useMemo(() => zoneGroups(allTimeZones(), lang, openedAt, ownZone, value), [lang, openedAt, ownZone, value]);
  const [query, setQuery] = useState('');
  const shown = useMemo(() => filterZoneGroups(groups, query, value), [groups, query, value]);
  const matches = shown.reduce((n, group) => n + group.options.filter((option) => option.zone !== value).length, 0);
  const filterId = `${rest.id}-filter`;

  // Enter in the filter picks the first zone it found, and never submits the form around it.
  const onFilterKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const first = shown.flatMap((group) => group.options).find((option) => option.zone !== value);
    if (query.trim() && first) onChange(first.zone);
  };

  return (
    <div className="tz-select">
      <input
        id={filterId}
        type="search"
        className="tz-filter"
        aria-label={t('tz_filter')}
        aria-controls={rest.id}
        placeholder={t('tz_filterPlaceholder')}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onFilterKey}
        autoComplete="off"
      />
      <select {...rest} value={value} onChange={(event) => onChange(event.target.value)}>
        {shown.map((group) => (
          <optgroup key={group.key} label={group.label}>
            {group.options.map((option) => (
              <option key={option.zone} value={option.zone}>
                {option.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <div className="field-hint" role="status">
        {query.trim() !== '' && matches === 0 ? t('tz_noMatch', query.trim()) : ''}
      </div>
    </div>
  );
}
