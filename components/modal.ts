import { useEffect, useRef } from 'react';

/**
 * Shows a native `<dialog>` as a modal while the component is mounted: the browser keeps Tab inside it,
 * makes the page behind it inert and draws it above everything (a toast cannot cover it). Escape (the
 * dialog's `cancel`) calls `onCancel`, so the caller's state decides when it closes. Focus starts on the
 * element marked `data-autofocus` (the safe choice), and goes back to the control that had it when the
 * dialog opened, or, if that is gone (a toast's button), wherever `fallbackFocus` puts it.
 */
export function useModalDialog(onCancel: () => void, fallbackFocus?: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
  const latest = useRef({ onCancel, fallbackFocus });
  latest.current = { onCancel, fallbackFocus };
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement;
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    const cancel = (event: Event) => {
      event.preventDefault();
      latest.current.onCancel();
    };
    dialog.addEventListener('cancel', cancel);
    return () => {
      dialog.removeEventListener('cancel', cancel);
      dialog.close();
      // An action that put focus somewhere on purpose keeps it there.
      const active = document.activeElement;
      if (active && active !== document.body && !dialog.contains(active)) return;
      if (opener instanceof HTMLElement && opener !== document.body && opener.isConnected) opener.focus();
      else latest.current.fallbackFocus?.();
    };
  }, []);
  return ref;
}
