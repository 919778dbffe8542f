import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PopupApp } from './App';
import '../../components/base.css';
import { t, uiLanguage } from '../../lib/browser/i18n';

// The HTML title is the manifest's message placeholder (it names the toolbar button); show the real name.
document.title = t('extName');

// The page's language picks the right CJK glyphs and tells screen readers how to read it.
document.documentElement.lang = uiLanguage();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PopupApp />
  </StrictMode>,
);
