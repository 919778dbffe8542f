import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PopupApp } from './App';
import '../../components/base.css';
import { t } from '../../lib/browser/i18n';

// The HTML title is the manifest's message placeholder (it names the toolbar button); show the real name.
document.title = t('extName');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PopupApp />
  </StrictMode>,
);
