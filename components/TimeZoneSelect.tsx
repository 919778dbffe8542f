import { useMemo } from 'react';

function allTimeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

export interface TimeZoneSelectProps {
  id: string;
  value: string;
  onChange: (zone: string) => void;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string | undefined;
}

/** Every IANA zone the browser knows, with the current value kept even if the browser does not list it. */
export function TimeZoneSelect({ value, onChange, ...rest }: TimeZoneSelectProps) {
  const zones = useMemo(allTimeZones, []);
  const options = zones.includes(value) || value === '' ? zones : [value, ...zones];
  return (
    <select {...rest} value={value} onChange={(e) => onChange(e.target.value)}>
      {options.map((zone) => (
        <option key={zone} value={zone}>
          {zone.replaceAll('_', ' ')}
        </option>
      ))}
    </select>
  );
}
