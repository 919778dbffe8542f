import { useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { t, uiLanguage } from '../lib/browser/i18n';
import { formatDayTimeInZone } from '../lib/dates/format';
import { syncPrefsItem, syncStatusItem } from '../lib/store/storage';
import { SYNC_ERROR_MESSAGES } from '../lib/sync/errors';
import { confirmSyncReview, loadSyncPreview, needsPreview, setSyncEnabled, type SyncPreview } from '../lib/sync/enable';
import { isEmptyReview, type SyncConfirmation } from '../lib/sync/review';
import { confirmationOf, SyncReviewLists, useKeepChoices } from './SyncReviewLists';
import { SYNC_LIMITS } from '../lib/sync/limits';
import type { SyncArea } from '../lib/sync/service';
import { parseSyncPrefs, parseSyncStatus, type SyncPrefs, type SyncStatus } from '../lib/sync/status';

/** A stored value through `parse`, kept fresh by storage change events; `null` until loaded. */
function useItem<T>(item: typeof syncPrefsItem, parse: (raw: unknown) => T): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let active = true;
    const stop = item.watch((raw) => active && setValue(parse(raw)));
    void item.getValue().then((raw) => active && setValue((current) => current ?? parse(raw)));
    return () => {
      active = false;
      stop();
    };
  }, [item, parse]);
  return value;
}

type Phase =
  | { step: 'idle' }
  | { step: 'checking' }
  | { step: 'preview'; preview: SyncPreview }
  /** The switch was flipped and the choice is being stored: show it flipped until the stored prefs agree. */
  | { step: 'switching'; to: boolean }
  | { step: 'failed'; message: string };

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

/**
 * The sync switch and what sync is doing: off by default; turning it on merges this
 * browser's cards with those already in sync storage, after a preview when both hold cards.
 */
export function SyncPanel({ userTimeZone }: { userTimeZone: string }) {
  const prefs = useItem<SyncPrefs>(syncPrefsItem, parseSyncPrefs);
  const status = useItem<SyncStatus>(syncStatusItem, parseSyncStatus);
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const held = prefs?.enabled && status?.review && !isEmptyReview(status.review) ? status.review : null;
  /** Ids ticked Keep in the preview or in a held round's review. */
  const { keep, toggle: toggleKeep, reset: resetKeep } = useKeepChoices(held);
  const language = uiLanguage();
  const enabled = prefs?.enabled ?? false;

  useEffect(() => {
    if (phase.step === 'switching' && prefs !== null && prefs.enabled === phase.to) setPhase({ step: 'idle' });
  }, [phase, prefs]);

  const switchTo = async (on: boolean, confirmation?: SyncConfirmation) => {
    setPhase({ step: 'switching', to: on });
    try {
      await setSyncEnabled(on, confirmation);
    } catch (error) {
      setPhase({ step: 'failed', message: t('sync_errorUnavailable') });
      console.error('SIM Keeper: sync switch', error);
    }
  };

  const turnOn = async () => {
    setPhase({ step: 'checking' });
    try {
      const preview = await loadSyncPreview(browser.storage.sync as unknown as SyncArea, new Date());
      if (needsPreview(preview)) {
        resetKeep(preview.review);
        setPhase({ step: 'preview', preview });
      } else await switchTo(true);
    } catch (error) {
      setPhase({ step: 'failed', message: t('sync_errorUnavailable') });
      console.error('SIM Keeper: sync preview', error);
    }
  };
  const toggle = (on: boolean) => {
    if (on) void turnOn();
    else void switchTo(false);
  };
  const confirm = () => phase.step === 'preview' && switchTo(true, confirmationOf(phase.preview.review, keep));
  const confirmHeld = async () => {
    if (!held) return;
    try {
      await confirmSyncReview(confirmationOf(held, keep));
    } catch (error) {
      setPhase({ step: 'failed', message: t('sync_errorUnavailable') });
      console.error('SIM Keeper: sync review', error);
    }
  };

  const shownOn = phase.step === 'switching' ? phase.to : enabled || phase.step === 'checking' || phase.step === 'preview';
  const when = (ms: number) => formatDayTimeInZone(new Date(ms), userTimeZone, language);
  const preview = phase.step === 'preview' ? phase.preview : null;
  // When the preview closes (Cancel, or the choice made) and focus went with its button, focus goes back to the
  // switch that opened it: a moment later, so a message that waited for the preview (the Undo of a delete, see
  // dialog-shown.ts) takes it first.
  const switchInput = useRef<HTMLInputElement>(null);
  const previewShown = preview !== null;
  const wasShown = useRef(false);
  useEffect(() => {
    const closed = wasShown.current && !previewShown;
    wasShown.current = previewShown;
    if (!closed) return;
    const timer = setTimeout(() => {
      if (document.activeElement === document.body || document.activeElement === null) switchInput.current?.focus();
    }, 100);
    return () => clearTimeout(timer);
  }, [previewShown]);
  const lines: [number, Parameters<typeof t>[0]][] = preview
    ? [
        [preview.added, 'sync_previewNew'],
        [preview.changed, 'sync_previewChanged'],
        [preview.same, 'sync_previewSame'],
        [preview.shared, 'sync_previewUpload'],
        [preview.removed, 'sync_previewRemoved'],
      ]
    : [];

  return (
    <section className="sync editor" aria-labelledby="sync-title">
      <h2 id="sync-title">{t('sync_title')}</h2>
      <label className="checkbox sync-switch">
        <input
          ref={switchInput}
          type="checkbox"
          role="switch"
          aria-checked={shownOn}
          checked={shownOn}
          disabled={prefs === null || phase.step === 'checking'}
          onChange={(e) => toggle(e.target.checked)}
        />
        {t('sync_switch')}
      </label>
      <p className="muted">{t('sync_explain')}</p>

      {phase.step === 'checking' && (
        <p className="muted" role="status">
          {t('sync_checking')}
        </p>
      )}
      {phase.step === 'failed' && (
        <p className="banner banner-error" role="alert">
          {phase.message}
        </p>
      )}
      {preview && (
        <div className="preview sync-preview" role="dialog" aria-labelledby="sync-preview-title">
          <h3 id="sync-preview-title">{t('sync_previewTitle')}</h3>
          <p>{t('sync_previewIntro')}</p>
          <ul>
            {lines
              .filter(([count]) => count > 0)
              .map(([count, key]) => (
                <li key={key}>{t(key, count)}</li>
              ))}
          </ul>
          {!isEmptyReview(preview.review) && <SyncReviewLists review={preview.review} keep={keep} onToggle={toggleKeep} />}
          <p className="muted">{t('sync_previewRule')}</p>
          <div className="row">
            <button type="button" className="button primary" onClick={() => void confirm()}>
              {t('sync_confirm')}
            </button>
            <button type="button" className="button" onClick={() => setPhase({ step: 'idle' })}>
              {t('action_cancel')}
            </button>
          </div>
        </div>
      )}

      <div className="sync-state" data-testid="sync-state" hidden={preview !== null}>
        <p>
          <strong>{enabled ? t('sync_stateOn') : t('sync_stateOff')}</strong>
        </p>
        {held && (
          <section className="banner banner-warning sync-held" aria-labelledby="sync-held-title" data-testid="sync-held">
            <p id="sync-held-title">
              <strong>{t('sync_heldTitle')}</strong>
            </p>
            <SyncReviewLists review={held} keep={keep} onToggle={toggleKeep} />
            <button type="button" className="button primary" onClick={() => void confirmHeld()}>
              {t('sync_heldConfirm')}
            </button>
          </section>
        )}
        {enabled && status && (
          <>
            <p>{status.lastReceivedAt ? t('sync_lastReceived', when(status.lastReceivedAt)) : t('sync_neverReceived')}</p>
            {status.bytes !== undefined && (
              <p data-testid="sync-quota">
                {t('sync_quota', [kb(status.bytes), kb(SYNC_LIMITS.QUOTA_BYTES).replace(/\.0$/, ''), status.items ?? 0])}
              </p>
            )}
            {status.error && (
              <p className="banner banner-error" role="alert">
                {t(SYNC_ERROR_MESSAGES[status.error.kind])}
              </p>
            )}
            {status.retryAt !== undefined && !status.error && <p className="muted">{t('sync_pending', when(status.retryAt))}</p>}
            {(status.localOnly?.length ?? 0) > 0 && (
              <div className="banner banner-warning" data-testid="sync-local-only">
                <p>{t('sync_localOnlyTitle')}</p>
                <ul>
                  {status.localOnly!.map((card) => (
                    <li key={card.id}>{t(card.reason === 'too-big' ? 'sync_localOnlyTooBig' : 'sync_localOnlyNoRoom', card.label)}</li>
                  ))}
                </ul>
              </div>
            )}
            {(status.stale?.length ?? 0) > 0 && (
              <div className="banner banner-warning" role="alert" data-testid="sync-stale">
                <p>{t('sync_staleTitle')}</p>
                <ul>
                  {status.stale!.map((card) => (
                    <li key={card.id}>{t(card.reason === 'too-big' ? 'sync_staleTooBig' : 'sync_staleNoRoom', card.label)}</li>
                  ))}
                </ul>
              </div>
            )}
            {(status.staleElsewhere?.length ?? 0) > 0 && (
              <div className="banner banner-warning" role="alert" data-testid="sync-stale-elsewhere">
                <p>{t('sync_staleElsewhereTitle')}</p>
                <ul>
                  {status.staleElsewhere!.map((card) => (
                    <li key={card.id}>{card.label}</li>
                  ))}
                </ul>
              </div>
            )}
            {(status.deletionsLeftOut?.length ?? 0) > 0 && (
              <p className="muted" data-testid="sync-deletions-waiting">
                {t('sync_deletionsWaiting', status.deletionsLeftOut!.length)}
              </p>
            )}
            {(status.compacted?.length ?? 0) > 0 && (
              <ul className="muted">
                {status.compacted!.map((card) => (
                  <li key={card.id}>{t('sync_compacted', [card.label, card.leftOut])}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </section>
  );
}
