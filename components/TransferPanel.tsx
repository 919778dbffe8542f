import { useEffect, useMemo, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { t, uiLanguage, type MessageKey } from '../lib/browser/i18n';
import type { Card } from '../lib/cards/schema';
import { plainDateInZone } from '../lib/dates/plain-date';
import type { RestorePointV1 } from '../lib/store/restore-points';
import { bytesInUse, type ImportRoom, importRoom, localQuota, StorageFullError } from '../lib/store/room';
import type { Settings, SettingsV1 } from '../lib/store/settings-schema';
import { loadSettings, watchSettings, type CardsSnapshot } from '../lib/store/storage';
import {
  loadImportUndo,
  loadRestorePoints,
  restoreImportUndo,
  restoreRestorePoint,
  watchImportUndo,
  watchRestorePoints,
  type ImportUndoV1,
} from '../lib/store/import-store';
import { MAX_IMPORT_BYTES } from '../lib/transfer/read-file';
import { cardsToCsv } from '../lib/transfer/csv';
import { cardsToIcs } from '../lib/transfer/ics';
import { candidatesOf, type ImportJobResult, type ReadImport } from '../lib/transfer/import-job';
import { type ImportChoices, limitPreview, PREVIEW_LIMIT, previewImport } from '../lib/transfer/preview';
import type { ImportProgress, SheetEncoding } from '../lib/transfer/read-file';
import { backupFileText, confirmImport } from '../lib/transfer/service';
import { datedFileName, downloadText } from './download';
import { type ImportRunner, type RunningImport, runImportInWorker } from './import-runner';
import { ImportPreview, megabytes } from './ImportPreview';
import './transfer.css';

interface Message {
  key: MessageKey;
  params?: string[];
  /** A second sentence, without parameters. */
  also?: MessageKey;
  tone: 'error' | 'info';
}

const PASSPHRASE_ERRORS: readonly MessageKey[] = ['import_errorNeedPassphrase', 'import_errorWrongPassphrase'];

/** A file read for the preview (by the worker), and the state it was compared with. */
interface ReadFile extends ReadImport {
  basis: { snapshot: CardsSnapshot; settings: SettingsV1 };
  /** What the import would need in storage.local, where the browser limits it. */
  room: ImportRoom | null;
}

/** The message for a failed import or restore: a full storage in numbers, anything else as the browser said it. */
function failureMessage(error: unknown): Message {
  if (error instanceof StorageFullError) {
    return { key: 'import_failedQuota', params: [megabytes(error.needed), megabytes(error.limit)], tone: 'error' };
  }
  return { key: 'import_failed', params: [error instanceof Error ? error.message : String(error)], tone: 'error' };
}

/** What the progress bar says for a step of reading. */
function progressText(progress: ImportProgress): string {
  if (progress.step === 'check' && progress.total > 0) {
    return t('import_progressCheck', [progress.done.toLocaleString(uiLanguage()), progress.total.toLocaleString(uiLanguage())]);
  }
  return t(progress.step === 'compare' ? 'import_progressCompare' : 'import_progressRead');
}

/** The import's progress: a bar (determinate while entries are checked) and Stop, which ends the work and writes nothing. */
function ImportProgressBar({ progress, onCancel }: { progress: ImportProgress; onCancel: () => void }) {
  const text = progressText(progress);
  const determinate = progress.step === 'check' && progress.total > 0;
  return (
    <div className="import-progress row">
      {/* An indeterminate <progress> has no value attribute at all. */}
      <progress aria-label={text} {...(determinate ? { max: progress.total, value: progress.done } : {})} />
      <span role="status">{text}</span>
      <button type="button" className="button" onClick={onCancel}>
        {t('import_cancelReading')}
      </button>
    </div>
  );
}

/** The undo snapshot of the last import, kept fresh. */
function useImportUndo(): ImportUndoV1 | null {
  const [undo, setUndo] = useState<ImportUndoV1 | null>(null);
  useEffect(() => {
    void loadImportUndo().then(setUndo);
    return watchImportUndo(setUndo);
  }, []);
  return undo;
}

/** The restore points, newest first, kept fresh. */
function useRestorePoints(): RestorePointV1[] {
  const [points, setPoints] = useState<RestorePointV1[]>([]);
  useEffect(() => {
    void loadRestorePoints().then(setPoints);
    return watchRestorePoints(setPoints);
  }, []);
  return points;
}

const POINT_TEXT: Record<RestorePointV1['kind'], MessageKey> = {
  merge: 'import_pointMerge',
  replace: 'import_pointReplace',
  undo: 'import_pointUndo',
  restore: 'import_pointRestore',
};

/** One restore point as a line: when, what wrote over it, and what that write changed. */
function describePoint(point: RestorePointV1): string {
  const when = new Date(point.takenAt).toLocaleString(uiLanguage());
  const { added, changed, removed, settings } = point.summary;
  const text = t(POINT_TEXT[point.kind], [when, added, changed, removed]);
  return settings ? `${text} ${t('import_pointSettings')}` : text;
}

/** The settings as stored (not filled with defaults), kept fresh: what an import's settings are compared with. */
function useStoredSettings(): SettingsV1 {
  const [stored, setStored] = useState<SettingsV1>({});
  useEffect(() => {
    void loadSettings().then((snapshot) => setStored(snapshot.settings));
    return watchSettings((snapshot) => setStored(snapshot.settings));
  }, []);
  return stored;
}

/**
 * Backup, export and import on the options page. Reading the chosen file and
 * offering downloads happen here; everything else is lib/transfer/.
 */
export function TransferPanel({
  snapshot,
  settings,
  runImport = runImportInWorker,
}: {
  snapshot: CardsSnapshot;
  settings: Settings;
  /** How a chosen file is read for its preview: in a worker on the page, on the page in unit tests. */
  runImport?: ImportRunner;
}) {
  const [encrypt, setEncrypt] = useState(false);
  const [exportPass, setExportPass] = useState('');
  const [exportPass2, setExportPass2] = useState('');
  const [exportError, setExportError] = useState<MessageKey | null>(null);
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const [importPass, setImportPass] = useState('');
  const [needsPass, setNeedsPass] = useState(false);
  const [readFile, setReadFile] = useState<ReadFile | null>(null);
  const [running, setRunning] = useState<{ run: RunningImport; progress: ImportProgress } | null>(null);
  const [encodingQuestion, setEncodingQuestion] = useState<{ utf8Line: string; gb18030Line: string } | null>(null);
  const [encoding, setEncoding] = useState<SheetEncoding | undefined>(undefined);
  const [message, setMessage] = useState<Message | null>(null);
  /** An import's write is running. */
  const [writing, setWriting] = useState(false);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const focusAfter = useRef<'picker' | 'message' | null>(null);
  // Once the preview is gone focus never falls to <body>: after Merge or Replace all it goes to the
  // message that says what happened; after Cancel or Stop, to the file picker that opened it.
  const messageLine = useRef<HTMLParagraphElement>(null);
  const undo = useImportUndo();
  // What this browser gives SIM Keeper in storage.local and how much is used (Chrome; Firefox sets no limit): said before a file is read.
  const [room, setRoom] = useState<{ limit: number; used: number } | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: counted again whenever the cards change
  useEffect(() => {
    const limit = localQuota();
    if (limit !== null) void bytesInUse(null).then((used) => setRoom({ limit, used }));
  }, [snapshot]);
  const storedSettings = useStoredSettings();
  const points = useRestorePoints();
  const today = plainDateInZone(new Date(), settings.timeZone);
  // The worker's preview while the store is as it compared it with; worked out again on the page
  // only when the cards or settings change while the preview is shown (a renewal in the popup).
  // Not while its own write runs: the cards change then because of it, and the preview is about to close
  // (20,000 cards compared again on the page would hold it for seconds).
  const preview = useMemo(() => {
    if (!readFile) return null;
    const { basis } = readFile;
    if (writing || (basis.snapshot === snapshot && basis.settings === storedSettings)) return readFile.preview;
    return limitPreview(previewImport(snapshot, candidatesOf(readFile), storedSettings), PREVIEW_LIMIT);
  }, [snapshot, readFile, storedSettings, writing]);

  useEffect(() => {
    if (readFile || !focusAfter.current) return;
    const target = focusAfter.current === 'message' ? (messageLine.current ?? fileInput.current) : fileInput.current;
    focusAfter.current = null;
    target?.focus();
  });

  const exportBackup = async () => {
    setExportError(null);
    if (encrypt && exportPass.length < 8) return setExportError('transfer_errorPassShort');
    if (encrypt && exportPass !== exportPass2) return setExportError('transfer_errorPassMismatch');
    setBusy(true);
    try {
      const text = await backupFileText(new Date(), browser.runtime.getManifest().version, encrypt ? exportPass : '');
      downloadText(datedFileName(encrypt ? 'sim-keeper-backup-encrypted' : 'sim-keeper-backup', today, 'json'), text, 'application/json');
    } finally {
      setBusy(false);
    }
  };

  const [currencyAnswers, setCurrencyAnswers] = useState<Record<string, string>>({});

  const read = async (
    chosen: { name: string; bytes: Uint8Array },
    passphrase: string,
    answers = currencyAnswers,
    sheetEncoding: SheetEncoding | undefined = encoding,
  ) => {
    running?.run.cancel();
    setBusy(true);
    setMessage(null);
    setEncodingQuestion(null);
    const basis = { snapshot, settings: storedSettings };
    const run = runImport(
      {
        bytes: chosen.bytes,
        passphrase,
        currencyAnswers: answers,
        ...(sheetEncoding ? { encoding: sheetEncoding } : {}),
        userTimeZone: settings.timeZone,
        now: new Date(),
        current: basis.snapshot,
        settings: basis.settings,
      },
      (progress) => setRunning((now) => (now?.run === run ? { run, progress } : now)),
    );
    setRunning({ run, progress: { step: 'read', done: 0, total: 0 } });
    let result: ImportJobResult | null;
    try {
      result = await run.result;
    } finally {
      setRunning((now) => (now?.run === run ? null : now));
      setBusy(false);
    }
    if (result === null) return;
    if (result.ok) {
      const room = await importRoom(result.cardsBytes);
      setReadFile({
        preview: result.preview,
        shown: result.shown,
        candidatesJson: result.candidatesJson,
        cardsBytes: result.cardsBytes,
        basis,
        room,
      });
      setNeedsPass(false);
    } else {
      setReadFile(null);
      if (PASSPHRASE_ERRORS.includes(result.error)) setNeedsPass(true);
      if (result.error === 'import_askEncoding' && result.params) {
        setEncodingQuestion({ utf8Line: result.params[0] ?? '', gb18030Line: result.params[1] ?? '' });
        return;
      }
      setMessage({ key: result.error, ...(result.params ? { params: result.params } : {}), tone: 'error' });
    }
  };

  const cancelReading = () => {
    running?.run.cancel();
    setRunning(null);
    setBusy(false);
    reset();
    setMessage({ key: 'import_cancelled', tone: 'info' });
  };

  const choose = async (chosen: File | undefined) => {
    setReadFile(null);
    setNeedsPass(false);
    setImportPass('');
    setCurrencyAnswers({});
    setEncoding(undefined);
    setEncodingQuestion(null);
    if (!chosen) return setFile(null);
    if (chosen.size > MAX_IMPORT_BYTES) {
      setFile(null);
      return setMessage({ key: 'import_errorTooLarge', tone: 'error' });
    }
    const loaded = { name: chosen.name, bytes: new Uint8Array(await chosen.arrayBuffer()) };
    setFile(loaded);
    await read(loaded, '', {}, undefined);
  };

  /** Closes the preview (or the questions) with nothing written; focus goes back to the file picker that opened it. */
  const reset = () => {
    setReadFile(null);
    setFile(null);
    setNeedsPass(false);
    setImportPass('');
    setEncodingQuestion(null);
    if (fileInput.current) fileInput.current.value = '';
    // Focused once the dialog is gone: while it is open, the rest of the page is inert.
    focusAfter.current = 'picker';
  };

  const confirm = async (choices: ImportChoices) => {
    if (!readFile) return;
    setBusy(true);
    setWriting(true);
    try {
      const after = await confirmImport(candidatesOf(readFile), choices, new Date());
      reset();
      focusAfter.current = 'message';
      setMessage({
        key: 'import_done',
        params: [String(after.cards.length)],
        ...(after.olderPointsDropped ? { also: 'import_olderPointsDropped' as const } : {}),
        tone: 'info',
      });
    } catch (error) {
      // The preview closes, so the message (behind the modal dialog otherwise) is read; nothing was written.
      reset();
      focusAfter.current = 'message';
      setMessage(failureMessage(error));
    } finally {
      setWriting(false);
      setBusy(false);
    }
  };

  const restorePoint = async (point: RestorePointV1) => {
    setBusy(true);
    try {
      const after = await restoreRestorePoint(point.id, new Date());
      if (after) {
        setMessage({
          key: 'import_pointRestored',
          params: [String(after.cards.length)],
          ...(after.olderPointsDropped ? { also: 'import_olderPointsDropped' as const } : {}),
          tone: 'info',
        });
      }
    } catch (error) {
      setMessage(failureMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const cardsForExport: Card[] = snapshot.cards;

  return (
    <section className="transfer editor" aria-labelledby="transfer-title">
      <h2 id="transfer-title">{t('transfer_title')}</h2>

      <fieldset>
        <legend>{t('transfer_exportLegend')}</legend>
        <p className="muted">{t('transfer_exportHint')}</p>
        <label className="checkbox">
          <input type="checkbox" checked={encrypt} onChange={(e) => setEncrypt(e.target.checked)} />
          {t('transfer_encrypt')}
        </label>
        {encrypt && (
          <div className="row">
            <PassphraseField
              id="export-pass"
              label={t('transfer_passphrase')}
              autoComplete="new-password"
              value={exportPass}
              onChange={setExportPass}
            />
            <PassphraseField
              id="export-pass2"
              label={t('transfer_passphraseAgain')}
              autoComplete="new-password"
              value={exportPass2}
              onChange={setExportPass2}
            />
          </div>
        )}
        {encrypt && <p className="muted">{t('transfer_encryptHint')}</p>}
        {exportError && (
          <p className="field-error" role="alert">
            {t(exportError)}
          </p>
        )}
        <div className="row">
          {/* aria-disabled, not disabled: a disabled button drops keyboard focus to <body> while the backup is made. */}
          <button type="button" className="button primary" aria-disabled={busy} onClick={() => !busy && void exportBackup()}>
            {t('transfer_downloadBackup')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => downloadText(datedFileName('sim-keeper-cards', today, 'csv'), `\uFEFF${cardsToCsv(cardsForExport)}`, 'text/csv')}
          >
            {t('transfer_downloadCsv')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() =>
              downloadText(
                datedFileName('sim-keeper-deadlines', today, 'ics'),
                cardsToIcs(cardsForExport, {
                  leadDays: settings.leadDays,
                  reminderTime: settings.reminderTime,
                  timeZone: settings.timeZone,
                  language: uiLanguage(),
                  now: new Date(),
                }),
                'text/calendar',
              )
            }
          >
            {t('transfer_downloadIcs')}
          </button>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('transfer_importLegend')}</legend>
        <div className="field">
          <label htmlFor="import-file">{t('transfer_importFile')}</label>
          <input
            id="import-file"
            ref={fileInput}
            type="file"
            accept=".json,.csv,application/json,text/csv"
            onChange={(e) => void choose(e.target.files?.[0])}
            {...(room ? { 'aria-describedby': 'import-room' } : {})}
          />
        </div>
        {room && (
          <p id="import-room" className="muted">
            {t('import_room', [megabytes(room.limit), megabytes(room.used)])}
          </p>
        )}
        {needsPass && file && (
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              void read(file, importPass);
            }}
          >
            <PassphraseField
              id="import-pass"
              label={t('transfer_passphrase')}
              autoComplete="off"
              value={importPass}
              onChange={setImportPass}
            />
            <button type="submit" className="button primary" disabled={busy}>
              {t('transfer_open')}
            </button>
          </form>
        )}
        {encodingQuestion && file && (
          <fieldset className="import-encoding">
            <legend>{t('import_askEncoding')}</legend>
            {(
              [
                ['utf-8', 'import_encodingUtf8', encodingQuestion.utf8Line],
                ['gb18030', 'import_encodingGb', encodingQuestion.gb18030Line],
              ] as const
            ).map(([code, label, line]) => (
              <div key={code} className="row">
                <button
                  type="button"
                  className="button"
                  data-encoding={code}
                  onClick={() => {
                    setEncoding(code);
                    void read(file, importPass, currencyAnswers, code);
                  }}
                >
                  {t(label)}
                </button>
                <code lang="zh">{line}</code>
              </div>
            ))}
          </fieldset>
        )}
        {running ? (
          <ImportProgressBar progress={running.progress} onCancel={cancelReading} />
        ) : (
          busy && <p className="muted">{t('transfer_working')}</p>
        )}
        {message && (
          <p
            ref={messageLine}
            tabIndex={-1}
            className={`banner ${message.tone === 'error' ? 'banner-error' : 'banner-ok'}`}
            role={message.tone === 'error' ? 'alert' : 'status'}
          >
            {t(message.key, message.params)}
            {message.also && ` ${t(message.also)}`}
          </p>
        )}
        {readFile && preview && (
          <ImportPreview
            preview={preview}
            candidates={readFile.shown}
            room={readFile.room}
            onConfirm={(c) => void confirm(c)}
            onCancel={reset}
            onCurrencyAnswer={(symbol, currency) => {
              if (!file) return;
              const { [symbol]: _, ...others } = currencyAnswers;
              const answers = currency ? { ...others, [symbol]: currency } : others;
              setCurrencyAnswers(answers);
              void read(file, importPass, answers);
            }}
          />
        )}
      </fieldset>

      {undo && (
        <fieldset className="import-undo">
          <legend>{t('transfer_undoLegend')}</legend>
          <p>{t('transfer_undoText', new Date(undo.takenAt).toLocaleString(uiLanguage()))}</p>
          <div className="row">
            <button
              type="button"
              className="button"
              onClick={() =>
                void restoreImportUndo(new Date()).then(
                  (done) => done && setMessage({ key: 'transfer_undone', tone: 'info' }),
                  (error: unknown) => setMessage(failureMessage(error)),
                )
              }
            >
              {t('transfer_undoButton')}
            </button>
          </div>
        </fieldset>
      )}
      {points.length > 0 && (
        <fieldset className="restore-points">
          <legend>{t('import_pointsLegend')}</legend>
          <p className="muted">{t('import_pointsHint')}</p>
          <ol>
            {points.map((point) => (
              <li key={point.id} data-kind={point.kind}>
                <span>{describePoint(point)}</span>{' '}
                <button
                  type="button"
                  className="button subtle"
                  disabled={busy}
                  aria-label={t('import_pointButtonLabel', new Date(point.takenAt).toLocaleString(uiLanguage()))}
                  onClick={() => void restorePoint(point)}
                >
                  {t('import_pointButton')}
                </button>
              </li>
            ))}
          </ol>
        </fieldset>
      )}
    </section>
  );
}

/** A passphrase box with its label: the backup's two on export, one on import. */
function PassphraseField(props: { id: string; label: string; autoComplete: string; value: string; onChange: (value: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="password"
        autoComplete={props.autoComplete}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}
