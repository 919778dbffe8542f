const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `task` while no other holder of the lock `name` runs. Extension pages and the
 * service worker share one origin, so the Web Locks API serialises them all; where it
 * is missing (unit tests), a queue per name in this module does the same for one process.
 */
export function withNamedLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) return locks.request(name, task) as Promise<T>;
  const run = (queues.get(name) ?? Promise.resolve()).then(task, task);
  queues.set(
    name,
    run.catch(() => undefined),
  );
  return run;
}
