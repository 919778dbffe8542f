import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { OptionsApp } from './App';
import '../../components/base.css';
import { uiLanguage } from '../../lib/browser/i18n';

// The page's language picks the right CJK glyphs and tells screen readers how to read it.
document.documentElement.lang = uiLanguage();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <OptionsApp />
  </StrictMode>,
);
