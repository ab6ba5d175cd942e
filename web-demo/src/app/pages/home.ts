import { HttpError, type DocumentSummary } from '@collabdocs/client';
import { h, relativeTime, toast } from '../dom';
import type { AppContext } from '../main';

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** The document list and the form that creates a document. */
export function renderHome(container: HTMLElement, context: AppContext): () => void {
  let disposed = false;
  const list = h('div', { class: 'doc-list', 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Loading documents…'));

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
    h('label', { for: 'new-id' }, 'Name'),
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
      .create({ ...(id === '' ? {} : { id }), ...(textInput.value === '' ? {} : { text: textInput.value }) })
      .then((created) => {
        location.hash = `#/d/${encodeURIComponent(created.id)}`;
      })
      .catch((e: unknown) => {
        error.textContent = e instanceof HttpError && e.status === 409 ? `"${id}" already exists.` : `Could not create: ${(e as Error).message}`;
        createButton.disabled = false;
      });
  });

  const refresh = h('button', { class: 'ghost', type: 'button', title: 'Reload the list' }, 'Refresh');
  const load = (): void => {
    context.api
      .list()
      .then((documents) => {
        if (!disposed) {
          showList(list, documents);
        }
      })
      .catch((e: unknown) => {
        if (!disposed) {
          list.replaceChildren(h('p', { class: 'form-error' }, `Could not load documents: ${(e as Error).message}`));
          toast('Could not load documents', 'error');
        }
      });
  };
  refresh.addEventListener('click', load);
  load();

  container.append(
    h(
      'section',
      { class: 'page home' },
      h('div', { class: 'card documents' }, h('div', { class: 'card-head' }, h('h2', {}, 'Documents'), refresh), list),
      form,
    ),
  );
  return () => {
    disposed = true;
  };
}

function showList(list: HTMLElement, documents: DocumentSummary[]): void {
  if (documents.length === 0) {
    list.replaceChildren(h('p', { class: 'muted empty' }, 'No documents yet. Create the first one.'));
    return;
  }
  const sorted = [...documents].sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
  list.replaceChildren(
    h(
      'ul',
      {},
      ...sorted.map((d) =>
        h(
          'li',
          {},
          h(
            'a',
            { class: 'doc-link', href: `#/d/${encodeURIComponent(d.id)}`, 'data-id': d.id },
            h('span', { class: 'doc-icon', 'aria-hidden': 'true' }, '≡'),
            h('span', { class: 'doc-name' }, d.id),
            h(
              'span',
              { class: 'doc-meta' },
              `${d.length.toLocaleString()} chars · rev ${d.revision}`,
              h('span', { class: 'doc-updated', title: d.updatedAt }, relativeTime(d.updatedAt)),
            ),
          ),
        ),
      ),
    ),
  );
}
