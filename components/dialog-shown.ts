import { useEffect, useMemo, useRef, useState } from 'react';
import type { ToastMessage } from './Toast';

/** A dialog the user is answering: an open `<dialog>` (modal or not), or a panel that is one by its role (the sync preview). */
const DIALOG = 'dialog[open], [role="dialog"]:not(dialog), [role="alertdialog"]:not(dialog)';

/** Whether the page shows a dialog now, kept current as the page changes. */
export function useDialogShown(): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const check = () => setShown(document.querySelector(DIALOG) !== null);
    check();
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['open', 'role'] });
    return () => observer.disconnect();
  }, []);
  return shown;
}

/**
 * The message to show now: none while a dialog is shown (a toast at the bottom of the page would cover its
 * buttons, or sit under a modal's backdrop while its time ran out), and the same message once the dialog is
 * gone, with its full time again. A message shown after a dialog does not take focus: the dialog has put it.
 */
export function useMessageAfterDialogs(message: ToastMessage | null): ToastMessage | null {
  const dialogShown = useDialogShown();
  const held = useRef<number | null>(null);
  return useMemo(() => {
    if (!message) return null;
    if (dialogShown) {
      held.current = message.id;
      return null;
    }
    return held.current === message.id && message.focusAction ? { ...message, focusAction: false } : message;
  }, [message, dialogShown]);
}
