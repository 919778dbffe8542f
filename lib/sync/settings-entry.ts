import type { SettingsV1 } from '../store/settings-schema';
import { clockAt, isAfter, laterClocks, tick, type Clock } from './clock';
import { stableJson } from './stable-json';

/*
 * The settings as sync knows them: each setting with the clock of its last change, so
 * a reminder time changed in one browser and a zone changed in another both survive.
 */
export interface SettingsEntry {
  s: SettingsV1;
  f?: Record<string, Clock>;
}

const settingOf = (settings: SettingsV1, name: string): unknown => (settings as Record<string, unknown>)[name];

/**
 * The local settings compared with `base`: a changed setting gets a clock later than
 * any it had. Settings never synced before get the earliest clock, so on turning sync
 * on, settings already in sync storage win over this browser's.
 */
export function settingsEntryFromLocal(settings: SettingsV1, base: SettingsEntry | undefined, device: string, now: Date): SettingsEntry {
  if (!base) {
    const f = Object.fromEntries(Object.keys(settings).map((name) => [name, clockAt(0, device)]));
    return Object.keys(f).length ? { s: settings, f } : { s: settings };
  }
  const f: Record<string, Clock> = { ...base.f };
  for (const name of new Set([...Object.keys(settings), ...Object.keys(base.s)])) {
    if (stableJson(settingOf(settings, name) ?? null) !== stableJson(settingOf(base.s, name) ?? null))
      f[name] = tick(now.getTime(), device, f[name]);
  }
  return Object.keys(f).length ? { s: settings, f } : { s: settings };
}

/** Two copies of the settings merged setting by setting, the later change winning. */
export function mergeSettingsEntries(a: SettingsEntry | undefined, b: SettingsEntry | undefined): SettingsEntry | undefined {
  if (!a || !b) return a ?? b;
  const s: Record<string, unknown> = {};
  for (const name of [
    ...new Set([...Object.keys(a.s), ...Object.keys(b.s), ...Object.keys(a.f ?? {}), ...Object.keys(b.f ?? {})]),
  ].sort()) {
    const [ca, cb] = [a.f?.[name], b.f?.[name]];
    const [va, vb] = [settingOf(a.s, name), settingOf(b.s, name)];
    const value = isAfter(ca, cb) || (ca === cb && stableJson(va ?? null) >= stableJson(vb ?? null)) ? va : vb;
    if (value !== undefined) s[name] = value;
  }
  const f = laterClocks(a.f, b.f);
  return f ? { s: s as SettingsV1, f } : { s: s as SettingsV1 };
}
