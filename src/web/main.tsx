import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { applyPrefsToDocument, readPrefs } from './prefs/prefs.tsx';
import { AppProviders, createQueryClient } from './providers.tsx';
import { AppRoutes } from './routes.tsx';
import './styles.css';

// Before React renders: the page's language and elderly size are right from the first paint
// (the server's CSP forbids an inline script in index.html for this).
applyPrefsToDocument(readPrefs());

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

createRoot(container).render(
  <StrictMode>
    <AppProviders queryClient={createQueryClient()}>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </AppProviders>
  </StrictMode>,
);
