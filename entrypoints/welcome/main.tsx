import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { WelcomeApp } from './App';
import '../../components/base.css';
import { messagesLanguage, t } from '../../lib/browser/i18n';
import { PageBoundary } from '../../components/ErrorBoundary';

// Screen readers, hyphenation and the CJK glyphs follow <html lang>: say the language the messages are in.
document.documentElement.lang = messagesLanguage();
document.title = `${t('welcome_title')} · ${t('extName')}`;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PageBoundary where="welcome">
      <WelcomeApp />
    </PageBoundary>
  </StrictMode>,
);
