import { Component, type ErrorInfo, type ReactNode } from 'react';
import { t } from '../lib/browser/i18n';

export interface ErrorBoundaryProps {
  /** What to show instead of `children` once one of them has thrown while rendering. */
  fallback: (error: unknown) => ReactNode;
  /** Names the place in the console message, such as `popup` or `card 5f0c…`. */
  where: string;
  children: ReactNode;
}

/**
 * Keeps a rendering error where it happened: the part that threw shows
 * `fallback`, the rest of the page goes on. React offers this only as a class.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, { error: unknown; failed: boolean }> {
  override state = { error: null as unknown, failed: false };

  static getDerivedStateFromError(error: unknown) {
    return { error, failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error(`SIM Keeper: ${this.props.where} could not be shown`, error, info.componentStack);
  }

  override render() {
    return this.state.failed ? this.props.fallback(this.state.error) : this.props.children;
  }
}

/** The whole page's last resort: says what happened and offers a reload, instead of a blank page. */
export function PageCrash({ error }: { error: unknown }) {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return (
    <main className="page-crash" role="alert">
      <h1>{t('crash_title')}</h1>
      <p>{t('crash_body')}</p>
      <button type="button" className="button primary" onClick={() => location.reload()}>
        {t('crash_reload')}
      </button>
      <details>
        <summary>{t('crash_details')}</summary>
        <pre>{detail}</pre>
      </details>
    </main>
  );
}

/** A page wrapped in its error boundary. */
export function PageBoundary({ where, children }: { where: string; children: ReactNode }) {
  return (
    <ErrorBoundary where={where} fallback={(error) => <PageCrash error={error} />}>
      {children}
    </ErrorBoundary>
  );
}
