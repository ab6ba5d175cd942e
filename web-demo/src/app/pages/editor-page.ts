import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { CollabError, HttpError, type CollabDocument } from '@collabdocs/client';
import { h, toast } from '../dom';
import { AuthorsToggle, authorsField } from '../editor/authors';
import { collab } from '../editor/collab-extension';
import { editable, editableExtension, plainTextSetup } from '../editor/setup';
import type { AppContext } from '../main';
import { rememberName } from '../names';
import { guardUnload } from '../unload-guard';
import { docTitle } from './doc-title';
import { HistoryPanel } from './history-panel';
import { PeopleList } from './people';
import { sharePanel } from './share-panel';

declare global {
  interface Window {
    /** The open document and editor, for debugging and the end-to-end tests. */
    collabdocs?: { doc: CollabDocument; view: EditorView; context: AppContext };
  }
}

const viewerNotice = 'You can read this document but not edit it.';

/**
 * The editor for one document: live editing, presence, title, sharing and history. `linkToken` is a share
 * link's token from the address: it is redeemed first (the user gets the link's role as themselves) and
 * then removed from the address bar.
 */
export function renderEditor(container: HTMLElement, context: AppContext, id: string, linkToken: string | null = null): () => void {
  document.title = `${id} · CollabDocs`;
  let disposed = false;
  let doc: CollabDocument | null = null;
  let view: EditorView | null = null;
  const unsubscribe: (() => void)[] = [];

  const revision = h('span', { class: 'badge', id: 'revision', title: 'Current revision' }, '—');
  const sync = h('span', { class: 'sync', id: 'sync', 'data-state': 'loading' }, 'Loading…');
  const people = new PeopleList(context.identity.name);
  const authors = new AuthorsToggle(context.api, id);
  const title = docTitle(context, id);
  const share = h('button', { class: 'ghost share', type: 'button', id: 'share', title: 'Share this document', 'aria-expanded': 'false' }, 'Share');
  const popover = h('div', { class: 'popover', id: 'share-popover', hidden: true });
  const shareWrap = h('div', { class: 'share-wrap' }, share, popover);
  const closePopover = (): void => {
    popover.hidden = true;
    share.setAttribute('aria-expanded', 'false');
  };
  const onDocumentClick = (event: MouseEvent): void => {
    if (!shareWrap.contains(event.target as Node)) {
      closePopover();
    }
  };
  const onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      closePopover();
    }
  };
  document.addEventListener('click', onDocumentClick);
  document.addEventListener('keydown', onKey);
  share.addEventListener('click', () => {
    if (!popover.hidden) {
      closePopover();
      return;
    }
    popover.replaceChildren(...sharePanel(context, id, doc?.role === 'owner'));
    popover.hidden = false;
    share.setAttribute('aria-expanded', 'true');
  });

  const banner = h('div', { class: 'banner', id: 'banner', hidden: true });
  const liveHost = h('div', { class: 'editor-host', id: 'live-editor' });
  const historyHost = h('div', { class: 'editor-host history', id: 'history-editor', hidden: true });
  const frame = h('div', { class: 'editor-frame' }, liveHost, historyHost);
  const notice = h('div', { class: 'notice-host', hidden: true });
  const showBanner = (text: string | null, kind: 'info' | 'warn' = 'info'): void => {
    banner.hidden = text === null;
    banner.textContent = text ?? '';
    banner.dataset['kind'] = kind;
  };
  const history = new HistoryPanel(context, id, {
    doc: () => doc,
    view: () => view,
    liveHost,
    historyHost,
    showBanner,
    liveBanner: () => (doc?.role === 'viewer' ? viewerNotice : null),
  });

  container.append(
    h(
      'section',
      { class: 'page editor-page' },
      h(
        'div',
        { class: 'doc-toolbar' },
        h('a', { class: 'back', href: '#/', title: 'All documents' }, '←', h('span', { class: 'back-text' }, ' Documents')),
        title.element,
        revision,
        sync,
        h('div', { class: 'spacer' }),
        authors.button,
        people.element,
        shareWrap,
      ),
      history.element,
      banner,
      frame,
      notice,
    ),
  );

  const renderSync = (): void => {
    if (doc === null) {
      return;
    }
    revision.textContent = `rev ${doc.revision}`;
    let state: string;
    let text: string;
    if (doc.status === 'closed') {
      state = 'closed';
      text = 'Closed';
    } else if (doc.status !== 'live' || !navigator.onLine) {
      state = 'offline';
      text = doc.hasPendingChanges ? 'Offline — edits kept' : 'Offline';
    } else if (doc.hasPendingChanges) {
      state = 'saving';
      text = 'Saving…';
    } else {
      state = 'saved';
      text = 'Saved';
    }
    sync.dataset['state'] = state;
    sync.textContent = text;
  };
  window.addEventListener('online', renderSync);
  window.addEventListener('offline', renderSync);
  unsubscribe.push(() => {
    window.removeEventListener('online', renderSync);
    window.removeEventListener('offline', renderSync);
  });

  const opened = (opened: CollabDocument): void => {
    doc = opened;
    liveHost.replaceChildren();
    view = new EditorView({ parent: liveHost, state: EditorState.create({ doc: opened.text, extensions: [plainTextSetup(), collab(opened), authorsField] }) });
    // The role comes with every Join (it can change while the document is open).
    let canEdit = true;
    const applyRole = (): void => {
      const editableNow = opened.role !== 'viewer' && opened.status !== 'closed';
      if (editableNow !== canEdit) {
        canEdit = editableNow;
        view?.dispatch({ effects: editable.reconfigure(editableExtension(canEdit)) });
      }
      if (history.viewing === null && opened.status !== 'closed') {
        showBanner(opened.role === 'viewer' ? viewerNotice : null);
      }
    };
    applyRole();
    title.load(opened.role !== 'viewer');
    window.collabdocs = { doc: opened, view, context };
    history.enable();
    people.update(opened.presence);
    renderSync();
    unsubscribe.push(
      authors.attach(opened, view),
      guardUnload(opened),
      opened.on('presence', (presence) => people.update(presence)),
      opened.on('state', renderSync),
      opened.on('status', () => {
        renderSync();
        applyRole();
      }),
      opened.on('revision', (r) => {
        renderSync();
        history.onRevision(r);
      }),
      opened.on('rebased', () => toast('Your offline edits were merged into the current text (the history they were based on is gone).')),
      opened.on('change', (change) => {
        if (change.kind === 'reset' && change.discardedLocalChanges) {
          toast('Your last edits could not be saved and were undone (the document was resynchronised).', 'error');
        }
      }),
      opened.on('error', (e) => {
        if (e.code === 'limit_exceeded') {
          toast('That change is too large for the server.', 'error');
        } else if (e.code !== 'connection') {
          console.warn('CollabDocs:', e.code, e.message);
        }
      }),
      opened.on('closed', ({ reason }) => {
        renderSync();
        showBanner(reason === 'deleted' ? 'This document was deleted.' : 'You no longer have access to this document.', 'warn');
        applyRole();
      }),
    );
    view.focus();
  };

  const failed = (e: unknown): void => {
    for (const part of [history.element, frame, shareWrap, revision]) {
      part.hidden = true;
    }
    notice.replaceChildren(notFoundOrError(e, id, context));
    notice.hidden = false;
    sync.dataset['state'] = 'closed';
    sync.textContent = 'Not open';
  };

  rememberName(context.identity.userId, context.identity.name);
  liveHost.append(h('p', { class: 'muted loading' }, linkToken === null ? 'Opening document…' : 'Opening the shared link…'));
  const redeemed = linkToken === null ? Promise.resolve() : redeem(context, id, linkToken);
  redeemed
    .then(() => context.client.open(id))
    .then((result) => {
      if (disposed) {
        void result.close();
      } else {
        opened(result);
      }
    })
    .catch((e: unknown) => {
      if (!disposed) {
        failed(e);
      }
    });

  return () => {
    disposed = true;
    document.removeEventListener('click', onDocumentClick);
    document.removeEventListener('keydown', onKey);
    for (const u of unsubscribe) u();
    history.destroy();
    view?.destroy();
    if (window.collabdocs?.doc === doc) {
      delete window.collabdocs;
    }
    void doc?.close();
  };
}

/** Opens a share link as the signed-in user, then takes the token out of the address bar (the user has the role now). */
async function redeem(context: AppContext, id: string, token: string): Promise<void> {
  try {
    const member = await context.api.redeem(id, token);
    toast(member.role === 'viewer' ? 'You can view this document' : 'You can edit this document');
  } catch (e) {
    if (e instanceof HttpError && e.status === 403) {
      throw new LinkError();
    }
    throw e;
  } finally {
    history.replaceState(null, '', `#/d/${encodeURIComponent(id)}`);
  }
}

class LinkError extends Error {
  override readonly name = 'LinkError';
}

function notFoundOrError(error: unknown, id: string, context: AppContext): HTMLElement {
  const allDocuments = h('a', { class: 'ghost button', href: '#/' }, 'All documents');
  if ((error instanceof CollabError && error.code === 'document_not_found') || (error instanceof HttpError && error.status === 404)) {
    const create = h('button', { class: 'primary', type: 'button' }, `Create “${id}”`);
    create.addEventListener('click', () => {
      create.disabled = true;
      context.api.create({ id }).then(
        () => window.dispatchEvent(new HashChangeEvent('hashchange')),
        (e: unknown) => {
          create.disabled = false;
          toast(e instanceof HttpError ? e.message : String(e), 'error');
        },
      );
    });
    return h('div', { class: 'card narrow notice' }, h('h2', {}, 'No such document'), h('p', { class: 'muted' }, `“${id}” does not exist yet.`), h('div', { class: 'actions' }, create, allDocuments));
  }
  if (error instanceof LinkError) {
    return h(
      'div',
      { class: 'card narrow notice', id: 'link-invalid' },
      h('h2', {}, 'This link does not work any more'),
      h('p', { class: 'muted' }, 'The owner turned it off, or it expired. Ask them for a new one.'),
      h('div', { class: 'actions' }, allDocuments),
    );
  }
  if (error instanceof CollabError && error.code === 'forbidden') {
    const userId = context.identity.userId;
    return h(
      'div',
      { class: 'card narrow notice', id: 'no-access' },
      h('h2', {}, 'No access'),
      h('p', { class: 'muted' }, 'You do not have access to this document yet. Ask its owner for a share link, or to add you under “Share”.'),
      userId ? h('p', {}, 'Your user id: ', h('code', {}, userId)) : null,
      h('div', { class: 'actions' }, allDocuments),
    );
  }
  const message = `Could not open the document: ${(error as Error).message}`;
  return h('div', { class: 'card narrow notice' }, h('h2', {}, 'Cannot open'), h('p', { class: 'muted' }, message), allDocuments);
}
