import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { CollabError, HttpError, type CollabDocument, type RemotePresence } from '@collabdocs/client';
import { copyText, h, initials, toast } from '../dom';
import { collab } from '../editor/collab-extension';
import { editable, editableExtension, plainTextSetup } from '../editor/setup';
import type { AppContext } from '../main';

declare global {
  interface Window {
    /** The open document and editor, for debugging and the end-to-end tests. */
    collabdocs?: { doc: CollabDocument; view: EditorView; context: AppContext };
  }
}

/** The editor for one document: live editing, presence, and a history slider. */
export function renderEditor(container: HTMLElement, context: AppContext, id: string): () => void {
  document.title = `${id} · CollabDocs`;
  let disposed = false;
  let doc: CollabDocument | null = null;
  let view: EditorView | null = null;
  let historyView: EditorView | null = null;
  const unsubscribe: (() => void)[] = [];

  const revision = h('span', { class: 'badge', id: 'revision', title: 'Current revision' }, '—');
  const sync = h('span', { class: 'sync', id: 'sync', 'data-state': 'loading' }, 'Loading…');
  const people = h('div', { class: 'presence-list', id: 'presence', 'aria-label': 'People in this document' });
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
    copyText(location.href).then(
      () => toast('Link copied — send it to a collaborator'),
      () => undefined,
    );
  });

  const slider = h('input', { type: 'range', id: 'history', min: 0, max: 0, value: 0, step: 1, 'aria-label': 'Revision', disabled: true });
  const historyLabel = h('span', { class: 'history-label', id: 'history-label' }, 'Live');
  const liveButton = h('button', { class: 'primary small', type: 'button', id: 'back-to-live', hidden: true }, 'Back to live editing');
  const banner = h('div', { class: 'banner', id: 'banner', hidden: true });
  const liveHost = h('div', { class: 'editor-host', id: 'live-editor' });
  const historyHost = h('div', { class: 'editor-host history', id: 'history-editor', hidden: true });

  const historyBar = h('div', { class: 'history-bar' }, h('label', { for: 'history' }, 'History'), slider, historyLabel, liveButton);
  const frame = h('div', { class: 'editor-frame' }, liveHost, historyHost);
  const notice = h('div', { class: 'notice-host', hidden: true });

  container.append(
    h(
      'section',
      { class: 'page editor-page' },
      h(
        'div',
        { class: 'doc-toolbar' },
        h('a', { class: 'back', href: '#/', title: 'All documents' }, '←', h('span', { class: 'back-text' }, ' Documents')),
        h('h1', { class: 'doc-title', title: id }, id),
        revision,
        sync,
        h('div', { class: 'spacer' }),
        people,
        shareWrap,
      ),
      historyBar,
      banner,
      frame,
      notice,
    ),
  );

  const showBanner = (text: string | null, kind: 'info' | 'warn' = 'info'): void => {
    banner.hidden = text === null;
    banner.textContent = text ?? '';
    banner.dataset['kind'] = kind;
  };

  // ---- history ----
  let viewingRevision: number | null = null;
  let historyTimer: ReturnType<typeof setTimeout> | undefined;
  let historyRequest = 0;

  const goLive = (): void => {
    viewingRevision = null;
    historyRequest++;
    clearTimeout(historyTimer);
    historyHost.hidden = true;
    liveHost.hidden = false;
    liveButton.hidden = true;
    historyLabel.textContent = 'Live';
    if (doc !== null) {
      slider.max = String(doc.revision);
      slider.value = String(doc.revision);
    }
    showBanner(doc?.role === 'viewer' ? 'You can read this document but not edit it.' : null);
    view?.focus();
  };

  const showRevision = (target: number): void => {
    if (doc === null) {
      return;
    }
    if (target >= doc.revision) {
      goLive();
      return;
    }
    viewingRevision = target;
    historyLabel.textContent = `Revision ${target} of ${doc.revision}`;
    liveButton.hidden = false;
    clearTimeout(historyTimer);
    const request = ++historyRequest;
    historyTimer = setTimeout(() => {
      context.api
        .text(id, target)
        .then((result) => {
          if (disposed || request !== historyRequest) {
            return;
          }
          historyView ??= new EditorView({ parent: historyHost });
          historyView.setState(EditorState.create({ doc: result.text, extensions: plainTextSetup({ readOnly: true, placeholder: '(empty)' }) }));
          liveHost.hidden = true;
          historyHost.hidden = false;
          showBanner(`Viewing revision ${result.revision} — read-only. Edits by others keep arriving in the live document.`, 'warn');
        })
        .catch((e: unknown) => {
          if (request === historyRequest) {
            toast(`Could not load revision ${target}: ${(e as Error).message}`, 'error');
          }
        });
    }, 120);
  };

  slider.addEventListener('input', () => showRevision(Number(slider.value)));
  liveButton.addEventListener('click', goLive);

  // ---- presence and status ----
  const renderPeople = (presence: readonly RemotePresence[]): void => {
    const seen = new Map<string, RemotePresence>();
    for (const p of presence) {
      seen.set(p.sessionId, p);
    }
    const me = h('span', { class: 'avatar self', title: `${context.identity.name} (you)`, 'data-name': context.identity.name }, initials(context.identity.name));
    const others = [...seen.values()].map((p) =>
      h(
        'span',
        { class: 'avatar', style: `--user-color: ${p.color}`, title: p.name, 'data-session': p.sessionId, 'data-name': p.name },
        initials(p.name),
      ),
    );
    const count = others.length === 0 ? 'Only you' : `${others.length + 1} here`;
    people.replaceChildren(h('span', { class: 'avatars' }, me, ...others), h('span', { class: 'presence-count' }, count));
  };

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
    } else if (doc.status !== 'live') {
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

  // ---- open ----
  liveHost.append(h('p', { class: 'muted loading' }, 'Opening document…'));
  context.client
    .open(id)
    .then((opened) => {
      if (disposed) {
        void opened.close();
        return;
      }
      doc = opened;
      liveHost.replaceChildren();
      view = new EditorView({
        parent: liveHost,
        state: EditorState.create({
          doc: opened.text,
          extensions: [plainTextSetup(), collab(opened)],
        }),
      });
      // The role comes with every Join (it can change while the document is open).
      let canEdit = true;
      const applyRole = (): void => {
        const editableNow = opened.role !== 'viewer' && opened.status !== 'closed';
        if (editableNow !== canEdit) {
          canEdit = editableNow;
          view?.dispatch({ effects: editable.reconfigure(editableExtension(canEdit)) });
        }
        if (viewingRevision === null && opened.status !== 'closed') {
          showBanner(opened.role === 'viewer' ? 'You can read this document but not edit it.' : null);
        }
      };
      applyRole();
      window.collabdocs = { doc: opened, view, context };
      slider.disabled = false;
      goLive();
      renderPeople(opened.presence);
      renderSync();
      unsubscribe.push(
        opened.on('presence', renderPeople),
        opened.on('state', renderSync),
        opened.on('status', () => {
          renderSync();
          applyRole();
        }),
        opened.on('revision', (r) => {
          renderSync();
          slider.max = String(r);
          if (viewingRevision === null) {
            slider.value = String(r);
          } else {
            historyLabel.textContent = `Revision ${viewingRevision} of ${r}`;
          }
        }),
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
    })
    .catch((e: unknown) => {
      if (disposed) {
        return;
      }
      for (const part of [historyBar, frame, shareWrap, revision]) {
        part.hidden = true;
      }
      notice.replaceChildren(notFoundOrError(e, id, context));
      notice.hidden = false;
      sync.dataset['state'] = 'closed';
      sync.textContent = 'Not open';
    });

  return () => {
    disposed = true;
    document.removeEventListener('click', onDocumentClick);
    document.removeEventListener('keydown', onKey);
    clearTimeout(historyTimer);
    for (const u of unsubscribe) u();
    view?.destroy();
    historyView?.destroy();
    if (window.collabdocs?.doc === doc) {
      delete window.collabdocs;
    }
    void doc?.close();
  };
}

function notFoundOrError(error: unknown, id: string, context: AppContext): HTMLElement {
  if (error instanceof CollabError && error.code === 'document_not_found') {
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
    return h('div', { class: 'card narrow notice' }, h('h2', {}, 'No such document'), h('p', { class: 'muted' }, `“${id}” does not exist yet.`), h('div', { class: 'actions' }, create, h('a', { class: 'ghost button', href: '#/' }, 'All documents')));
  }
  if (error instanceof CollabError && error.code === 'forbidden') {
    const userId = context.identity.userId;
    return h(
      'div',
      { class: 'card narrow notice', id: 'no-access' },
      h('h2', {}, 'No access'),
      h('p', { class: 'muted' }, 'You do not have access to this document yet. Ask its owner to add you under “Share”.'),
      userId ? h('p', {}, 'Your user id: ', h('code', {}, userId)) : null,
      h('div', { class: 'actions' }, h('a', { class: 'ghost button', href: '#/' }, 'All documents')),
    );
  }
  const message = `Could not open the document: ${(error as Error).message}`;
  return h('div', { class: 'card narrow notice' }, h('h2', {}, 'Cannot open'), h('p', { class: 'muted' }, message), h('a', { class: 'ghost button', href: '#/' }, 'All documents'));
}

/** The share popover: the link, and for owners a form that gives another user a role. */
function sharePanel(context: AppContext, id: string, isOwner: boolean): HTMLElement[] {
  const link = h('input', { type: 'text', readonly: true, value: location.href, 'aria-label': 'Link to this document' });
  const copy = h('button', { type: 'button', class: 'small' }, 'Copy');
  copy.addEventListener('click', () => {
    copyText(location.href).then(
      () => toast('Link copied'),
      () => {
        link.select();
        toast('Press Ctrl+C to copy the link');
      },
    );
  });
  const parts: HTMLElement[] = [h('label', {}, 'Link'), h('div', { class: 'row' }, link, copy)];
  if (!isOwner) {
    parts.push(h('p', { class: 'hint' }, 'Only people the owner added can open it.'));
    return parts;
  }
  const userInput = h('input', { type: 'text', id: 'invite-user', placeholder: 'user id, e.g. dev:grace', autocomplete: 'off', required: true });
  const role = h('select', { id: 'invite-role', 'aria-label': 'Role' }, h('option', { value: 'editor' }, 'can edit'), h('option', { value: 'viewer' }, 'can view'));
  const add = h('button', { type: 'submit', class: 'primary small' }, 'Add');
  const form = h(
    'form',
    { id: 'invite' },
    h('label', { for: 'invite-user' }, 'Add a collaborator'),
    h('div', { class: 'row' }, userInput, role, add),
    h('p', { class: 'hint' }, 'People find their user id by clicking their name at the top right.'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const userId = userInput.value.trim();
    if (userId === '') {
      return;
    }
    add.disabled = true;
    context.api
      .setMember(id, userId, role.value === 'viewer' ? 'viewer' : 'editor')
      .then(
        () => {
          toast(`${userId} ${role.value === 'viewer' ? 'can view' : 'can edit'} this document now`);
          userInput.value = '';
        },
        (e: unknown) => toast(`Could not add ${userId}: ${(e as Error).message}`, 'error'),
      )
      .finally(() => {
        add.disabled = false;
      });
  });
  parts.push(form);
  return parts;
}
