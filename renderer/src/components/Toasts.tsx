import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/context.tsx';
import type { Toast } from '../store/workbench-slice.ts';
import { CloseIcon } from './icons.tsx';

/** Errors stay long enough to read the code; other notes go quickly. */
const LIFETIME = { error: 10_000, info: 4000, success: 3000 } as const;

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useApp((s) => s.dismissToast);
  useEffect(() => {
    const timer = setTimeout(() => dismiss(toast.id), LIFETIME[toast.tone]);
    return () => clearTimeout(timer);
  }, [toast.id, toast.tone, dismiss]);
  return (
    <div className={`toast toast-${toast.tone}`} data-testid="toast" role={toast.tone === 'error' ? 'alert' : 'status'}>
      <div className="toast-text">
        <strong>{toast.title}</strong>
        {toast.code ? <code className="toast-code">{toast.code}</code> : null}
        <p>{toast.message}</p>
      </div>
      <button type="button" className="icon-btn" aria-label="Dismiss" onClick={() => dismiss(toast.id)}>
        <CloseIcon />
      </button>
    </div>
  );
}

export function Toasts() {
  const toasts = useApp(useShallow((s) => s.toasts));
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </div>
  );
}
