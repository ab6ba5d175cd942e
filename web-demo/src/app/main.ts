import './styles.css';
import { CollabClient, DocumentsApi, type ConnectionState } from '@collabdocs/client';
import { accessToken, loadIdentity, type Identity } from './auth';
import { byId, h, initials } from './dom';
import { renderEditor } from './pages/editor-page';
import { renderHome } from './pages/home';
import { renderSignIn } from './pages/sign-in';

/** What every page gets: the signed-in user, the hub client and the HTTP API. */
export interface AppContext {
  identity: Identity;
  client: CollabClient;
  api: DocumentsApi;
}

type Cleanup = () => void;

const app = byId('app');
let context: AppContext | null = null;
let cleanup: Cleanup | null = null;

function createContext(identity: Identity): AppContext {
  const client = new CollabClient({ url: '/hubs/docs', accessTokenFactory: accessToken });
  const api = new DocumentsApi({ accessTokenFactory: accessToken });
  const pill = byId('connection');
  const labels: Record<ConnectionState, string> = {
    connected: 'Connected',
    connecting: 'Connecting…',
    reconnecting: 'Reconnecting…',
    disconnected: 'Offline',
  };
  const show = (state: ConnectionState): void => {
    pill.dataset['state'] = state;
    pill.querySelector('.pill-text')!.textContent = labels[state];
  };
  show(client.connectionState);
  client.on('connection', show);
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

/** Renders the page for the current hash: `#/`, `#/d/<id>`, `#/signin`. */
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
  const match = /^\/d\/([A-Za-z0-9_-]{1,64})$/.exec(hash);
  if (match?.[1] !== undefined) {
    cleanup = renderEditor(app, context, match[1]);
  } else {
    document.title = 'Documents · CollabDocs';
    cleanup = renderHome(app, context);
  }
}

window.addEventListener('hashchange', route);
route();
