import { useEffect } from 'react';

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
}

/** A short message at the bottom of the page, with optional actions such as Undo. */
export function Toast({ message, onDone, timeoutMs = 8000 }: { message: ToastMessage | null; onDone: () => void; timeoutMs?: number }) {
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(onDone, timeoutMs);
    return () => clearTimeout(timer);
  }, [message, onDone, timeoutMs]);
  if (!message) return null;
  const actions = [...(message.moreActions ?? []), ...(message.action ? [message.action] : [])];
  return (
    <div className={`toast toast-${message.tone ?? 'info'}`} role={message.tone === 'error' ? 'alert' : 'status'} key={message.id}>
      <span>{message.text}</span>
      {actions.map((action) => (
        <button
          key={action.label}
          type="button"
          className="link-button"
          onClick={() => {
            action.run();
            onDone();
          }}
        >
          {action.label}
        </button>
      ))}
    </div>
  );
}
