import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { OptionsApp } from './App';
import '../../components/base.css';
import { messagesLanguage } from '../../lib/browser/i18n';
import { PageBoundary } from '../../components/ErrorBoundary';

// Screen readers and hyphenation follow <html lang>: say the language the messages are in.
document.documentElement.lang = messagesLanguage();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PageBoundary where="options page">
      <OptionsApp />
    </PageBoundary>
  </StrictMode>,
);
