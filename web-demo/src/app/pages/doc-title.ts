import { h, toast } from '../dom';
import type { AppContext } from '../main';

/** The document's title in the toolbar; editors rename it in place (Enter or leaving the field saves, Escape cancels). */
export function docTitle(context: AppContext, id: string): { element: HTMLInputElement; load(canRename: boolean): void } {
  let saved = '';
  const element = h('input', {
    class: 'doc-title',
    id: 'doc-title',
    type: 'text',
    maxlength: 200,
    value: '',
    placeholder: id,
    readonly: true,
    'aria-label': 'Title',
    title: id,
  });
  const show = (title: string): void => {
    saved = title;
    element.value = title;
    document.title = `${title || id} · CollabDocs`;
  };
  const save = (): void => {
    const title = element.value.trim();
    if (element.readOnly || title === saved) {
      element.value = saved;
      return;
    }
    context.api.rename(id, title).then(
      (stored) => {
        show(stored);
        toast(stored ? `Renamed to “${stored}”` : 'The document is untitled now');
      },
      (e: unknown) => {
        element.value = saved;
        toast(`Could not rename: ${(e as Error).message}`, 'error');
      },
    );
  };
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      element.blur();
    } else if (event.key === 'Escape') {
      element.value = saved;
      element.blur();
    }
  });
  element.addEventListener('blur', save);
  return {
    element,
    load(canRename: boolean) {
      element.readOnly = !canRename;
      element.title = canRename ? 'Click to rename' : id;
      context.api.title(id).then(show, () => undefined);
    },
  };
}
