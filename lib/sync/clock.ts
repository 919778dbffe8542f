/*
 * Clocks of sync: when a field, an event or a card's life last changed, and on which
 * browser. A clock is one string, `<ms since the epoch, 13 digits>~<device id>`, so
 * the later of two clocks is the one that sorts last, and two browsers that changed a
 * field at the same millisecond are told apart by their device ids: every browser
 * picks the same winner.
 */

/** `0001795482000000~k3f9a2`: milliseconds (13 digits), `~`, the device id. */
export type Clock = string;

const DIGITS = 13;

/** The clock at `ms` on `device`. */
export function clockAt(ms: number, device: string): Clock {
  const whole = Math.max(0, Math.min(Math.floor(ms), 10 ** DIGITS - 1));
  return `${String(whole).padStart(DIGITS, '0')}~${device}`;
}

/** The milliseconds of a clock (0 for a malformed one, which then loses to any real clock). */
export function msOfClock(clock: Clock | undefined): number {
  if (!clock) return 0;
  const ms = Number(clock.slice(0, DIGITS));
  return Number.isFinite(ms) ? ms : 0;
}

/** The later of two clocks; `undefined` only when both are. */
export function laterClock(a: Clock | undefined, b: Clock | undefined): Clock | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a >= b ? a : b;
}

/** Whether `a` is strictly later than `b` (an absent clock is earlier than any). */
export function isAfter(a: Clock | undefined, b: Clock | undefined): boolean {
  if (a === undefined) return false;
  return b === undefined || a > b;
}

/**
 * A new clock for a change made at `ms` on `device` that must win over every clock in
 * `previous`: at least one millisecond after the latest of them. So a change made after
 * this browser saw another's wins even when the other's clock runs ahead.
 */
export function tick(ms: number, device: string, ...previous: (Clock | undefined)[]): Clock {
  const floor = Math.max(0, ...previous.map((clock) => (clock === undefined ? 0 : msOfClock(clock) + 1)));
  return clockAt(Math.max(ms, floor), device);
}

/** Two maps of clocks joined key by key, the later clock winning; `undefined` when both are empty. */
export function laterClocks(
  a: Readonly<Record<string, Clock>> | undefined,
  b: Readonly<Record<string, Clock>> | undefined,
): Record<string, Clock> | undefined {
  if (!a || Object.keys(a).length === 0) return b && Object.keys(b).length ? { ...b } : undefined;
  if (!b || Object.keys(b).length === 0) return { ...a };
  const out: Record<string, Clock> = { ...a };
  for (const [key, clock] of Object.entries(b)) out[key] = laterClock(out[key], clock)!;
  return out;
}

/** A fresh device id: 8 random base-36 characters, enough that two of one user's browsers never share one. */
export function newDeviceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (byte) => (byte % 36).toString(36)).join('');
}
