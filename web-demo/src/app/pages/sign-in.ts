import { signIn, type Identity } from '../auth';
import { h } from '../dom';

/** Asks for the name shown to others and gets a token for it. */
export function renderSignIn(container: HTMLElement, current: Identity | null, done: (identity: Identity) => void): () => void {
  const input = h('input', {
    id: 'name',
    name: 'name',
    type: 'text',
    required: true,
    maxlength: 40,
    autocomplete: 'nickname',
    placeholder: 'e.g. Ada Lovelace',
    value: current?.name ?? '',
  });
  const button = h('button', { class: 'primary', type: 'submit' }, current === null ? 'Start writing' : 'Change name');
  const error = h('p', { class: 'form-error', role: 'alert' });
  const form = h(
    'form',
    { class: 'card narrow', autocomplete: 'off' },
    h('h1', {}, current === null ? 'Welcome to CollabDocs' : 'Your name'),
    h('p', { class: 'muted' }, 'Write together in real time. Others see your name next to your cursor.'),
    h('label', { for: 'name' }, 'Your name'),
    input,
    current?.userId ? h('p', { class: 'hint' }, 'Your user id (give it to a document owner to get access): ', h('code', { id: 'user-id' }, current.userId)) : null,
    error,
    h('div', { class: 'actions' }, button),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = input.value.trim();
    if (name === '') {
      error.textContent = 'Please enter a name.';
      return;
    }
    button.disabled = true;
    error.textContent = '';
    signIn(name)
      .then(done)
      .catch((e: unknown) => {
        error.textContent = `Could not sign in: ${(e as Error).message}`;
        button.disabled = false;
      });
  });
  container.append(h('section', { class: 'page center' }, form));
  input.focus();
  return () => undefined;
}
