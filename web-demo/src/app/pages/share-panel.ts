import type { ShareLink } from '../api';
import { copyText, h, toast } from '../dom';
import type { AppContext } from '../main';

/** The address that opens document `id` through a share link: the token rides in the hash, so it never reaches server logs. */
export function linkUrl(id: string, token: string): string {
  return `${location.origin}${location.pathname}#/d/${encodeURIComponent(id)}?link=${encodeURIComponent(token)}`;
}

function copy(url: string, input: HTMLInputElement, done: string): void {
  copyText(url).then(
    () => toast(done),
    () => {
      input.select();
      toast('Press Ctrl+C to copy the link');
    },
  );
}

/**
 * The share popover. Owners get "anyone with the link can view / can edit" (a share link: the address embeds
 * its token; whoever opens it signed in gets that role under their own name until the link is turned off),
 * the links already made with a "Turn off" button, and a form that gives one user a role. Others see the
 * plain address, which works for people who already have access.
 */
export function sharePanel(context: AppContext, id: string, isOwner: boolean): HTMLElement[] {
  const plain = `${location.origin}${location.pathname}#/d/${encodeURIComponent(id)}`;
  if (!isOwner) {
    const link = h('input', { type: 'text', readonly: true, value: plain, 'aria-label': 'Link to this document', id: 'share-url' });
    const copyButton = h('button', { type: 'button', class: 'small' }, 'Copy');
    copyButton.addEventListener('click', () => copy(plain, link, 'Link copied'));
    return [h('label', {}, 'Link'), h('div', { class: 'row' }, link, copyButton), h('p', { class: 'hint' }, 'Works for people the owner has given access.')];
  }

  const role = h('select', { id: 'link-role', 'aria-label': 'What people with the link may do' }, h('option', { value: 'editor' }, 'can edit'), h('option', { value: 'viewer' }, 'can view'));
  const create = h('button', { type: 'button', class: 'primary small', id: 'create-link' }, 'Create link');
  const url = h('input', { type: 'text', readonly: true, id: 'share-url', placeholder: 'Create a link, then send it', 'aria-label': 'Share link' });
  const copyButton = h('button', { type: 'button', class: 'small', id: 'copy-link', disabled: true }, 'Copy');
  const links = h('ul', { class: 'share-links', id: 'share-links' });
  copyButton.addEventListener('click', () => copy(url.value, url, 'Link copied — send it to a collaborator'));

  const showLinks = (): void => {
    context.api.members(id).then(
      (members) => {
        const shares = members.filter((m) => m.userId.startsWith('share:'));
        links.replaceChildren(
          ...shares.map((m) => {
            const off = h('button', { type: 'button', class: 'ghost small', 'data-link': m.userId }, 'Turn off');
            off.addEventListener('click', () => {
              off.disabled = true;
              context.api.revoke(id, m.userId).then(
                () => {
                  toast('Link turned off: it no longer opens the document, and people who came through it lost access');
                  if (url.dataset['link'] === m.userId) {
                    url.value = '';
                    copyButton.disabled = true;
                  }
                  showLinks();
                },
                (e: unknown) => {
                  off.disabled = false;
                  toast(`Could not turn the link off: ${(e as Error).message}`, 'error');
                },
              );
            });
            return h('li', {}, h('span', {}, `Link · ${m.role === 'editor' ? 'can edit' : 'can view'}`), off);
          }),
        );
      },
      () => links.replaceChildren(),
    );
  };

  create.addEventListener('click', () => {
    create.disabled = true;
    context.api
      .share(id, role.value === 'viewer' ? 'viewer' : 'editor')
      .then((link: ShareLink) => {
        url.value = linkUrl(id, link.token);
        url.dataset['link'] = link.userId;
        copyButton.disabled = false;
        copy(url.value, url, `Link copied — anyone with it ${link.role === 'editor' ? 'can edit' : 'can view'}`);
        showLinks();
      })
      .catch((e: unknown) => toast(`Could not create a link: ${(e as Error).message}`, 'error'))
      .finally(() => {
        create.disabled = false;
      });
  });
  showLinks();

  const userInput = h('input', { type: 'text', id: 'invite-user', placeholder: 'user id, e.g. dev:grace', autocomplete: 'off', required: true });
  const inviteRole = h('select', { id: 'invite-role', 'aria-label': 'Role' }, h('option', { value: 'editor' }, 'can edit'), h('option', { value: 'viewer' }, 'can view'));
  const add = h('button', { type: 'submit', class: 'small' }, 'Add');
  const form = h(
    'form',
    { id: 'invite' },
    h('label', { for: 'invite-user' }, 'Or add one person'),
    h('div', { class: 'row' }, userInput, inviteRole, add),
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
      .setMember(id, userId, inviteRole.value === 'viewer' ? 'viewer' : 'editor')
      .then(
        () => {
          toast(`${userId} ${inviteRole.value === 'viewer' ? 'can view' : 'can edit'} this document now`);
          userInput.value = '';
        },
        (e: unknown) => toast(`Could not add ${userId}: ${(e as Error).message}`, 'error'),
      )
      .finally(() => {
        add.disabled = false;
      });
  });

  return [
    h('label', { for: 'link-role' }, 'Anyone with the link'),
    h('div', { class: 'row' }, role, create),
    h('div', { class: 'row' }, url, copyButton),
    links,
    form,
  ];
}
