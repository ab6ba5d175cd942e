import { HttpError } from '@collabdocs/client';
import type { DocumentSummary } from '../api';
import { h, relativeTime, toast } from '../dom';
import type { AppContext } from '../main';

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** The document list and the form that creates a document. */
export function renderHome(container: HTMLElement, context: AppContext): () => void {
  let disposed = false;
  const list = h('div', { class: 'doc-list', 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Loading documents…'));

  const titleInput = h('input', { id: 'new-title', type: 'text', maxlength: 200, placeholder: 'e.g. Team notes', autocomplete: 'off' });
  const idInput = h('input', {
    id: 'new-id',
    type: 'text',
    maxlength: 64,
    pattern: '[A-Za-z0-9_\\-]{1,64}',
    placeholder: 'optional, e.g. team-notes',
    autocomplete: 'off',
  });
  const textInput = h('textarea', { id: 'new-text', rows: 3, placeholder: 'optional starting text' });
  const createButton = h('button', { class: 'primary', type: 'submit' }, 'Create document');
  const error = h('p', { class: 'form-error', role: 'alert' });
  const form = h(
    'form',
    { class: 'card create-form' },
    h('h2', {}, 'New document'),
    h('label', { for: 'new-title' }, 'Title'),
    titleInput,
    h('label', { for: 'new-id' }, 'Address'),
    idInput,
    h('label', { for: 'new-text' }, 'Text'),
    textInput,
    error,
    h('div', { class: 'actions' }, createButton),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const id = idInput.value.trim();
    if (id !== '' && !idPattern.test(id)) {
      error.textContent = 'Use 1–64 letters, digits, "-" or "_".';
      return;
    }
    error.textContent = '';
    createButton.disabled = true;
    context.api
      .create({
        ...(id === '' ? {} : { id }),
        ...(textInput.value === '' ? {} : { text: textInput.value }),
        ...(titleInput.value.trim() === '' ? {} : { title: titleInput.value.trim() }),
      })
      .then((created) => {
        location.hash = `#/d/${encodeURIComponent(created.id)}`;
      })
      .catch((e: unknown) => {
        error.textContent = e instanceof HttpError && e.status === 409 ? `"${id}" already exists.` : `Could not create: ${(e as Error).message}`;
        createButton.disabled = false;
      });
  });

  const refresh = h('button', { class: 'ghost', type: 'button', title: 'Reload the list' }, 'Refresh');
  let filter: Filter = 'all';
  const tabs = h('div', { class: 'tabs', role: 'tablist', id: 'doc-filter' });
  const showTabs = (): void => {
    tabs.replaceChildren(
      ...(Object.keys(filterLabels) as Filter[]).map((f) => {
        const tab = h('button', { type: 'button', role: 'tab', class: 'tab', 'data-filter': f, 'aria-selected': String(f === filter) }, filterLabels[f]);
        tab.addEventListener('click', () => {
          filter = f;
          showTabs();
          load();
        });
        return tab;
      }),
    );
  };
  const load = (): void => {
    const shown = filter;
    context.api
      .list(shown === 'all' ? undefined : shown)
      .then((documents) => {
        if (!disposed && shown === filter) {
          showList(list, documents, shown, (d) => remove(d));
        }
      })
      .catch((e: unknown) => {
        if (!disposed) {
          list.replaceChildren(h('p', { class: 'form-error' }, `Could not load documents: ${(e as Error).message}`));
          toast('Could not load documents', 'error');
        }
      });
  };
  const remove = (d: DocumentSummary): void => {
    if (!confirm(`Delete “${d.title || d.id}” for everyone? This cannot be undone.`)) {
      return;
    }
    context.api.remove(d.id).then(
      () => {
        toast(`Deleted “${d.title || d.id}”`);
        load();
      },
      (e: unknown) => toast(`Could not delete: ${(e as Error).message}`, 'error'),
    );
  };
  refresh.addEventListener('click', load);
  showTabs();
  load();

  container.append(
    h(
      'section',
      { class: 'page home' },
      h('div', { class: 'card documents' }, h('div', { class: 'card-head' }, h('h2', {}, 'Documents'), refresh), tabs, list),
      form,
    ),
  );
  return () => {
    disposed = true;
  };
}

type Filter = 'all' | 'mine' | 'shared';
const filterLabels: Record<Filter, string> = { all: 'All', mine: 'Mine', shared: 'Shared with me' };
const roleLabels: Record<string, string> = { owner: 'owner', editor: 'can edit', viewer: 'can view' };

function showList(list: HTMLElement, documents: DocumentSummary[], filter: Filter, remove: (d: DocumentSummary) => void): void {
  if (documents.length === 0) {
    const empty = filter === 'shared' ? 'Nothing shared with you yet. Open a link someone sent you.' : 'No documents yet. Create the first one.';
    list.replaceChildren(h('p', { class: 'muted empty' }, empty));
    return;
  }
  const sorted = [...documents].sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
  list.replaceChildren(
    h(
      'ul',
      {},
      ...sorted.map((d) => {
        const del = d.role === 'owner' ? h('button', { type: 'button', class: 'ghost small delete', title: 'Delete', 'aria-label': `Delete ${d.title || d.id}`, 'data-delete': d.id }, 'Delete') : null;
        del?.addEventListener('click', () => remove(d));
        return h(
          'li',
          {},
          h(
            'a',
            { class: 'doc-link', href: `#/d/${encodeURIComponent(d.id)}`, 'data-id': d.id },
            h('span', { class: 'doc-icon', 'aria-hidden': 'true' }, '≡'),
            h('span', { class: 'doc-name' }, d.title || d.id, d.title ? h('span', { class: 'doc-id' }, d.id) : null),
            h(
              'span',
              { class: 'doc-meta' },
              d.role && d.role !== 'owner' ? h('span', { class: 'doc-role' }, roleLabels[d.role] ?? d.role) : null,
              `${d.length.toLocaleString()} chars · rev ${d.revision}`,
              h('span', { class: 'doc-updated', title: d.updatedAt }, relativeTime(d.updatedAt)),
            ),
          ),
          del,
        );
      }),
    ),
  );
}
