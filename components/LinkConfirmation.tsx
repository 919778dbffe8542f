import { WarningIcon } from './icons';
import { useModalDialog } from './modal';
import { t, type MessageKey } from '../lib/browser/i18n';
import type { AskReason, LinkDisplay, LinkOpenDecision } from '../lib/providers/link-decision';

const REASON: Record<Exclude<AskReason, 'unofficial'>, MessageKey> = {
  'hidden-characters': 'link_hiddenCharactersConfirm',
  'international-host': 'link_internationalHost',
};

/** Where a link really goes: the host the browser resolves, its Unicode form beside it, and the whole link. */
export function LinkDestination({ display }: { display: LinkDisplay }) {
  return (
    <>
      <span className="confirm-line">
        {t('link_goesTo', '')}
        {/* The host is isolated and left-to-right, so nothing around it can reorder how it reads. */}
        <bdi dir="ltr" className="confirm-host">
          {display.host}
        </bdi>
        {display.unicodeHost && <span className="muted"> {t('link_writtenAs', display.unicodeHost)}</span>}
      </span>
      <span className="confirm-line confirm-url" dir="ltr">
        {display.url}
      </span>
    </>
  );
}

export interface LinkConfirmationProps {
  decision: Extract<LinkOpenDecision, { action: 'ask' }>;
  providerName: string | null;
  onOpen: () => void;
  onCancel: () => void;
}

/**
 * Asks before opening a link the gate does not open by itself, and shows where it goes. A modal dialog:
 * Escape cancels, Tab stays inside, focus starts on Cancel (Enter never opens an unofficial link) and goes
 * back to the Renew or App link that opened it.
 */
export function LinkConfirmation({ decision, providerName, onOpen, onCancel }: LinkConfirmationProps) {
  const dialog = useModalDialog(onCancel);
  const question =
    decision.reason === 'unofficial' ? t('provider_link_unofficial_confirm', providerName ?? '') : t(REASON[decision.reason]);
  return (
    <dialog ref={dialog} className="confirm" role="alertdialog" aria-labelledby="confirm-text" aria-describedby="confirm-where">
      <p id="confirm-text">
        <WarningIcon /> {question}
      </p>
      <div id="confirm-where">
        <LinkDestination display={decision.display} />
      </div>
      <div className="row">
        <button type="button" className="button danger" onClick={onOpen}>
          {t('popup_openAnyway')}
        </button>
        <button type="button" className="button primary" data-autofocus onClick={onCancel}>
          {t('action_cancel')}
        </button>
      </div>
    </dialog>
  );
}
