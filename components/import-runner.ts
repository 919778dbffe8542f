import type { ImportJob, ImportJobMessage, ImportJobResult } from '../lib/transfer/import-job';
import { runImportJob } from '../lib/transfer/import-job';
import type { ImportProgress } from '../lib/transfer/read-file';
// Vite bundles the worker as a file of its own (`?worker`); `new Worker(new URL(…, import.meta.url))`
// is not found by Vite here, as WXT defines import.meta.url as the page's own address.
import ImportWorker from '../entrypoints/options/import.worker.ts?worker';

/** An import under way: its result (`null` once cancelled) and the way to stop it. */
export interface RunningImport {
  result: Promise<ImportJobResult | null>;
  /** Stops the work; the result is then `null`, and nothing was written. */
  cancel: () => void;
}

/** Starts reading a file for the preview. */
export type ImportRunner = (job: ImportJob, onProgress: (progress: ImportProgress) => void) => RunningImport;

/** On the page itself: for a page without workers (the unit tests' DOM). Cancel drops the result. */
export const runImportOnPage: ImportRunner = (job, onProgress) => {
  let cancelled = false;
  return {
    result: runImportJob(job, onProgress).then((result) => (cancelled ? null : result)),
    cancel: () => {
      cancelled = true;
    },
  };
};

/**
 * In a worker (entrypoints/options/import.worker.ts), so parsing, checking and comparing
 * 20,000 cards never block the page. Cancel ends the worker at once. Where a worker
 * cannot start (the dev server serves it from another origin), the page reads the file
 * itself.
 */
export const runImportInWorker: ImportRunner = (job, onProgress) => {
  if (typeof Worker === 'undefined') return runImportOnPage(job, onProgress);
  let worker: Worker;
  try {
    worker = new ImportWorker();
  } catch {
    return runImportOnPage(job, onProgress);
  }
  let settle: (result: ImportJobResult | null) => void = () => {};
  let fallback: RunningImport | null = null;
  const result = new Promise<ImportJobResult | null>((resolve) => {
    settle = resolve;
  });
  worker.onmessage = (event: MessageEvent<ImportJobMessage>) => {
    if (event.data.type === 'progress') return onProgress(event.data.progress);
    worker.terminate();
    settle(event.data.result);
  };
  worker.onerror = (event) => {
    // The worker did not load: read on the page instead (the job never throws inside it).
    event.preventDefault();
    worker.terminate();
    fallback = runImportOnPage(job, onProgress);
    void fallback.result.then(settle);
  };
  worker.postMessage(job);
  return {
    result,
    cancel: () => {
      worker.terminate();
      fallback?.cancel();
      settle(null);
    },
  };
};
