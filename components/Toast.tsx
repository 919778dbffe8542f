import { useEffect } from 'react';

export interface ToastMessage {
  id: number;
  text: string;
  tone?: 'info' | 'error';
  action?: { label: string; run: () => void };
}

/** A short message at the bottom of the page, with an optional action such as Undo. */
export function Toast({ message, onDone, timeoutMs = 8000 }: { message: ToastMessage | null; onDone: () => void; timeoutMs?: number }) {
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(onDone, timeoutMs);
    return () => clearTimeout(timer);
  }, [message, onDone, timeoutMs]);
  if (!message) return null;
  return (
    <div className={`toast toast-${message.tone ?? 'info'}`} role={message.tone === 'error' ? 'alert' : 'status'} key={message.id}>
      <span>{message.text}</span>
      {message.action && (
        <button
          type="button"
          className="link-button"
          onClick={() => {
            message.action?.run();
            onDone();
          }}
        >
          {message.action.label}
        </button>
      )}
    </div>
  );
}
