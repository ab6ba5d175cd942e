import './styles.css';
import { CollabClient, IndexedDbPendingEditsStore, type ConnectionState } from '@collabdocs/client';
import { DemoApi } from './api';
import { accessToken, loadIdentity, type Identity } from './auth';
import { byId, h, initials } from './dom';
import { renderEditor } from './pages/editor-page';
import { renderHome } from './pages/home';
import { renderSignIn } from './pages/sign-in';

/** What every page gets: the signed-in user, the hub client and the HTTP API. */
export interface AppContext {
  identity: Identity;
  client: CollabClient;
  api: DemoApi;
}

type Cleanup = () => void;

const app = byId('app');
let context: AppContext | null = null;
let cleanup: Cleanup | null = null;

function createContext(identity: Identity): AppContext {
  // The client's defaults: pings every 5 s, a server silent for 12 s counts as lost (the server pings every
  // 5 s; `dotnet run` closes a connection silent for 15 s, so others see a lost user away within 20 s), and
  // the browser's offline event drops the connection at once.
  // Unacknowledged edits are kept in IndexedDB, so a reload or a closed tab loses nothing.
  const client = new CollabClient({
    url: '/hubs/docs',
    accessTokenFactory: accessToken,
    ...(IndexedDbPendingEditsStore.isAvailable() ? { pendingStore: new IndexedDbPendingEditsStore() } : {}),
  });
  const api = new DemoApi(accessToken);
  const pill = byId('connection');
  const labels: Record<ConnectionState, string> = {
    connected: 'Connected',
    connecting: 'Connecting…',
    reconnecting: 'Reconnecting…',
    disconnected: 'Offline',
  };
  const show = (): void => {
    const state: ConnectionState = navigator.onLine ? client.connectionState : 'disconnected';
    pill.dataset['state'] = state;
    pill.querySelector('.pill-text')!.textContent = labels[state];
  };
  show();
  client.on('connection', show);
  window.addEventListener('online', show);
  window.addEventListener('offline', show);
  void client.start().catch(() => undefined);
  return { identity, client, api };
}

function showIdentity(identity: Identity | null): void {
  const chip = byId<HTMLButtonElement>('identity');
  chip.hidden = identity === null;
  chip.replaceChildren();
  if (identity !== null) {
    chip.append(h('span', { class: 'avatar small self' }, initials(identity.name)), h('span', { class: 'chip-name' }, identity.name));
    chip.title = identity.userId ? `Your user id: ${identity.userId} — click to change your name` : 'Change your name';
    chip.onclick = () => {
      location.hash = '#/signin';
    };
  }
}

/** Renders the page for the current hash: `#/`, `#/d/<id>`, `#/d/<id>?link=<share token>`, `#/signin`. */
function route(): void {
  cleanup?.();
  cleanup = null;
  app.replaceChildren();
  const hash = location.hash.replace(/^#/, '') || '/';
  const identity = loadIdentity();
  showIdentity(identity);

  if (identity === null || hash === '/signin') {
    document.title = 'Sign in · CollabDocs';
    cleanup = renderSignIn(app, identity, (signedIn) => {
      if (context !== null && context.identity.name !== signedIn.name) {
        // The name belongs to the connection: start over with the new identity.
        location.hash = '#/';
        location.reload();
        return;
      }
      location.hash = hash === '/signin' ? '#/' : `#${hash}`;
      route();
    });
    return;
  }

  context ??= createContext(identity);
  const match = /^\/d\/([A-Za-z0-9_-]{1,64})(?:\?(.*))?$/.exec(hash);
  if (match?.[1] !== undefined) {
    const link = new URLSearchParams(match[2] ?? '').get('link');
    cleanup = renderEditor(app, context, match[1], link === null || link === '' ? null : link);
  } else {
    document.title = 'Documents · CollabDocs';
    cleanup = renderHome(app, context);
  }
}

window.addEventListener('hashchange', route);
route();
