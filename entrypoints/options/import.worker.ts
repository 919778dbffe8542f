import { type ImportJob, type ImportJobMessage, runImportJob } from '../../lib/transfer/import-job';

/*
 * The options page's import worker (components/import-runner.ts starts it): reads one file
 * and posts its progress and then its preview. It holds no browser API and writes nothing;
 * the page ends it (Cancel) at any point without anything to undo. Reports are at most one
 * per 50 ms, so 20,000 cards do not flood the page with messages.
 */
const post = (message: ImportJobMessage, transfer: Transferable[] = []) => self.postMessage(message, { transfer });
let lastReport = 0;

self.onmessage = async (event: MessageEvent<ImportJob>) => {
  const result = await runImportJob(event.data, (progress) => {
    const now = performance.now();
    if (now - lastReport < 50 && progress.done !== progress.total) return;
    lastReport = now;
    post({ type: 'progress', progress });
  });
  // The candidates' bytes are handed over, not copied.
  post({ type: 'done', result }, result.ok ? [result.candidatesJson.buffer] : []);
};
