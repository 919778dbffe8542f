import { useEffect, useRef, useState } from 'react';

export interface ToastAction {
  label: string;
  run: () => void;
}

export interface ToastMessage {
  id: number;
  text: string;
  tone?: 'info' | 'error';
  action?: ToastAction;
  /** Further actions, shown before `action` (Undo stays last, where the eye expects it). */
  moreActions?: ToastAction[];
  /** Move focus to `action` when shown: the control the user's last one (a Delete) left behind is gone. */
  focusAction?: boolean;
}

/** Why a toast went: its time ran out, or one of its actions was taken. */
export type ToastEnd = 'timeout' | 'action';

/**
 * A short message at the bottom of the page, with optional actions such as Undo.
 *
 * The live region is on the page from the start (a region created together with its text is often not
 * read), and the message stays while the pointer is over it or focus is in it: its time starts again after.
 * An action ends the toast before it runs, so the action may show a toast of its own.
 */
export function Toast({
  message,
  onDone,
  timeoutMs = 8000,
}: {
  message: ToastMessage | null;
  onDone: (end: ToastEnd) => void;
  timeoutMs?: number;
}) {
  const region = useRef<HTMLDivElement>(null);
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);

  useEffect(() => {
    if (!message) return;
    // The pointer may have left while no toast was there to notice.
    setHovered(region.current?.matches(':hover') ?? false);
    if (message.focusAction) region.current?.querySelector<HTMLButtonElement>('.toast-action-main')?.focus();
    // A toast that replaced one with focus in it (its button is gone) does not count as focused.
    else if (!region.current?.contains(document.activeElement)) setFocused(false);
  }, [message]);

  useEffect(() => {
    if (!message || hovered || focused) return;
    const timer = setTimeout(() => onDone('timeout'), timeoutMs);
    return () => clearTimeout(timer);
  }, [message, onDone, timeoutMs, hovered, focused]);

  const actions = message ? [...(message.moreActions ?? []), ...(message.action ? [message.action] : [])] : [];
  return (
    <div
      ref={region}
      className="toast-region"
      role="status"
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocused(false);
      }}
    >
      {message && (
        <div className={`toast toast-${message.tone ?? 'info'}`} key={message.id}>
          <span>{message.text}</span>
          {actions.map((action) => (
            <button
              key={action.label}
              type="button"
              className={`link-button${action === message.action ? ' toast-action-main' : ''}`}
              onClick={() => {
                onDone('action');
                action.run();
              }}
            >
              {action.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
