import { t } from '../lib/browser/i18n';
import { useModalDialog } from './modal';

export interface LeaveEditorDialogProps {
  /** The card's name as stored, or `null` for a card not yet saved. */
  cardLabel: string | null;
  onDiscard: () => void;
  onKeepEditing: () => void;
}

/** Asks before the editor closes with changes in it. Keep editing is the safe choice: it has focus, and Escape takes it. */
export function LeaveEditorDialog({ cardLabel, onDiscard, onKeepEditing }: LeaveEditorDialogProps) {
  const dialog = useModalDialog(onKeepEditing);
  return (
    <dialog ref={dialog} className="app-dialog" aria-labelledby="leave-title" aria-describedby="leave-body">
      <h2 id="leave-title">{t('editor_leaveTitle')}</h2>
      <p id="leave-body">{cardLabel === null ? t('editor_leaveBodyNew') : t('editor_leaveBody', cardLabel)}</p>
      <div className="row">
        <button type="button" className="button primary" data-autofocus onClick={onKeepEditing}>
          {t('editor_leaveKeep')}
        </button>
        <button type="button" className="button danger" onClick={onDiscard}>
          {t('editor_leaveDiscard')}
        </button>
      </div>
    </dialog>
  );
}
