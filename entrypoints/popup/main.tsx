import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PopupApp } from './App';
import '../../components/base.css';
import { messagesLanguage, t } from '../../lib/browser/i18n';
import { PageBoundary } from '../../components/ErrorBoundary';

// The HTML title is the manifest's message placeholder (it names the toolbar button); show the real name.
document.title = t('extName');
// Screen readers and hyphenation follow <html lang>: say the language the messages are in.
document.documentElement.lang = messagesLanguage();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PageBoundary where="popup">
      <PopupApp />
    </PageBoundary>
  </StrictMode>,
);
