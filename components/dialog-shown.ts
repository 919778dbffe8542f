import { useEffect, useMemo, useRef, useState } from 'react';
import type { ToastMessage } from './Toast';

/** A dialog the user is answering: an open `<dialog>` (modal or not), or a panel that is one by its role (the sync preview). */
const DIALOG = 'dialog[open], [role="dialog"]:not(dialog), [role="alertdialog"]:not(dialog)';

/** Whether the page shows a dialog at this moment (for a handler; a component uses `useDialogShown`). */
export function isDialogShown(): boolean {
  return document.querySelector(DIALOG) !== null;
}

/** Whether the page shows a dialog now, kept current as the page changes. */
export function useDialogShown(): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const check = () => setShown(isDialogShown());
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
 * gone, with its full time again. A message that wanted focus, shown after a dialog, takes it only if nothing
 * has it (the dialog's own button went with it): where the dialog put focus, it stays.
 */
export function useMessageAfterDialogs(message: ToastMessage | null): ToastMessage | null {
  const dialogShown = useDialogShown();
  const held = useRef<number | null>(null);
  const shown = useMemo(() => {
    if (!message) return null;
    if (dialogShown) {
      held.current = message.id;
      return null;
    }
    return held.current === message.id && message.focusAction ? { ...message, focusAction: false } : message;
  }, [message, dialogShown]);
  // After the Toast has shown it (a parent's effect runs after its children's): the held message's main action
  // takes focus if focus is on the page itself. Here rather than in Toast, which the popup loads too.
  useEffect(() => {
    if (shown && shown !== message && message?.focusAction && document.activeElement === document.body) {
      document.querySelector<HTMLElement>('.toast-region .toast-action-main')?.focus();
    }
  }, [shown, message]);
  return shown;
}
