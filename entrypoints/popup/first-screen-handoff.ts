/*
 * How the popup's two scripts meet. popup-first.js (a classic script, run as soon
 * as the page's body is parsed) starts painting the stored first screen and leaves
 * the promise of that paint here; main.ts (a module, run after) waits for it
 * before it loads React. This file imports nothing: both scripts bundle it.
 */

const KEY = '__simKeeperFirstScreen';

/** Leaves the first paint's outcome (whether it painted) for main.ts. */
export function handOffFirstScreen(painted: Promise<boolean>): void {
  (globalThis as Record<string, unknown>)[KEY] = painted;
}

/** Whether the first screen was painted; `false` when popup-first.js did not run (nothing to wait for). */
export function firstScreenPainted(): Promise<boolean> {
  const painted = (globalThis as Record<string, unknown>)[KEY];
  return painted instanceof Promise ? painted : Promise.resolve(false);
}
