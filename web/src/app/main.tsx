// Entry point: restore the session and language from IndexedDB, render, register the service worker.
import { render } from 'preact';
import { App } from './App';
import { adoptContactLinkPath } from './router';
import { AppProvider, initialState } from './state';
import { indexedDbKeyValue, SessionStore } from './store/session-store';
import './styles.css';

async function start() {
  adoptContactLinkPath();
  const store = new SessionStore(indexedDbKeyValue());
  const { session, language } = await initialState(store, navigator.languages ?? [navigator.language]);
  const root = document.getElementById('app');
  if (!root) throw new Error('index.html has no #app');
  render(
    <AppProvider store={store} initialSession={session} initialLanguage={language}>
      <App />
    </AppProvider>,
    root,
  );
  if (import.meta.env.PROD && 'serviceWorker' in navigator) {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  }
}

void start();
