import { useEffect, useRef } from 'react';

/**
 * Shows a native `<dialog>` as a modal while the component is mounted: the page behind it is inert,
 * Tab wraps inside it, and it is drawn above everything (a toast cannot cover it). Escape (the dialog's `cancel`) calls `onCancel`, so the caller's state decides when it closes. Focus starts on the
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
    // The page behind is inert, but Tab from the last control would leave for the browser's own UI: wrap it.
    const wrapTab = (event: KeyboardEvent) => {
      if (event.key !== 'Tab') return;
      const controls = [...dialog.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href]')].filter(
        (control) => !control.matches(':disabled'),
      );
      const edge = event.shiftKey ? controls[0] : controls.at(-1);
      if (edge && document.activeElement === edge) {
        event.preventDefault();
        (event.shiftKey ? controls.at(-1) : controls[0])?.focus();
      }
    };
    dialog.addEventListener('cancel', cancel);
    dialog.addEventListener('keydown', wrapTab);
    return () => {
      dialog.removeEventListener('cancel', cancel);
      dialog.removeEventListener('keydown', wrapTab);
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
