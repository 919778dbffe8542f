import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { WelcomeApp } from './App';
import '../../components/base.css';
import { t, uiLanguage } from '../../lib/browser/i18n';

// The page's language picks the right CJK glyphs and tells screen readers how to read it.
document.documentElement.lang = uiLanguage();
document.title = `${t('welcome_title')} · ${t('extName')}`;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <WelcomeApp />
  </StrictMode>,
);
