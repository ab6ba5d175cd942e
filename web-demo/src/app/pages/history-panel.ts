import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { diff, type CollabDocument } from '@collabdocs/client';
import { h, relativeTime, toast } from '../dom';
import { operationToChanges } from '../editor/collab-extension';
import { plainTextSetup } from '../editor/setup';
import type { AppContext } from '../main';
import { nameOf } from '../names';

/** What the history bar needs from the editor page. */
export interface HistoryHost {
  doc(): CollabDocument | null;
  view(): EditorView | null;
  liveHost: HTMLElement;
  historyHost: HTMLElement;
  showBanner(text: string | null, kind?: 'info' | 'warn'): void;
  /** The banner of the live view (the viewer notice, or none). */
  liveBanner(): string | null;
}

/**
 * The history slider: pick a revision to see the text as it was, who made that revision and when, and
 * (editors) "Restore this version": one new operation, the diff from the current text to the old one,
 * made as a local edit, so it reaches everyone like typing does and the editor's undo takes it back.
 */
export class HistoryPanel {
  readonly slider = h('input', { type: 'range', id: 'history', min: 0, max: 0, value: 0, step: 1, 'aria-label': 'Revision', disabled: true });
  readonly label = h('span', { class: 'history-label', id: 'history-label' }, 'Live');
  readonly author = h('span', { class: 'history-author', id: 'history-author' });
  readonly restore = h('button', { class: 'small', type: 'button', id: 'restore', hidden: true }, 'Restore this version');
  readonly live = h('button', { class: 'primary small', type: 'button', id: 'back-to-live', hidden: true }, 'Back to live editing');
  readonly element = h('div', { class: 'history-bar' }, h('label', { for: 'history' }, 'History'), this.slider, this.label, this.author, this.restore, this.live);
  /** The revision shown, or null when live. */
  viewing: number | null = null;
  private _shownText: string | null = null;
  private _timer: ReturnType<typeof setTimeout> | undefined;
  private _request = 0;
  private _historyView: EditorView | null = null;

  constructor(
    private readonly _context: AppContext,
    private readonly _id: string,
    private readonly _host: HistoryHost,
  ) {
    this.slider.addEventListener('input', () => this.show(Number(this.slider.value)));
    this.live.addEventListener('click', () => this.goLive());
    this.restore.addEventListener('click', () => this._restore());
  }

  enable(): void {
    this.slider.disabled = false;
    this.goLive();
  }

  /** The document moved to `revision`. */
  onRevision(revision: number): void {
    this.slider.max = String(revision);
    if (this.viewing === null) {
      this.slider.value = String(revision);
    } else {
      this.label.textContent = `Revision ${this.viewing} of ${revision}`;
    }
  }

  goLive(): void {
    const doc = this._host.doc();
    this.viewing = null;
    this._shownText = null;
    this._request++;
    clearTimeout(this._timer);
    this._host.historyHost.hidden = true;
    this._host.liveHost.hidden = false;
    this.live.hidden = true;
    this.restore.hidden = true;
    this.author.textContent = '';
    this.label.textContent = 'Live';
    if (doc !== null) {
      this.slider.max = String(doc.revision);
      this.slider.value = String(doc.revision);
    }
    this._host.showBanner(this._host.liveBanner());
    this._host.view()?.focus();
  }

  show(target: number): void {
    const doc = this._host.doc();
    if (doc === null) {
      return;
    }
    if (target >= doc.revision) {
      this.goLive();
      return;
    }
    this.viewing = target;
    this.label.textContent = `Revision ${target} of ${doc.revision}`;
    this.live.hidden = false;
    this.restore.hidden = true;
    clearTimeout(this._timer);
    const request = ++this._request;
    this._timer = setTimeout(() => {
      const api = this._context.api;
      const who = target === 0 ? Promise.resolve(null) : api.operations(this._id, target - 1, target).then((ops) => ops[0] ?? null, () => null);
      Promise.all([api.text(this._id, target), who])
        .then(([result, operation]) => {
          if (request !== this._request) {
            return;
          }
          this._historyView ??= new EditorView({ parent: this._host.historyHost });
          this._historyView.setState(EditorState.create({ doc: result.text, extensions: plainTextSetup({ readOnly: true, placeholder: '(empty)' }) }));
          this._shownText = result.text;
          this._host.liveHost.hidden = true;
          this._host.historyHost.hidden = false;
          this.author.textContent = authorText(target, operation);
          this.author.title = operation?.timestamp ? new Date(operation.timestamp).toLocaleString() : '';
          this.restore.hidden = doc.role === 'viewer' || doc.status === 'closed';
          this._host.showBanner(`Viewing revision ${result.revision} — read-only. Edits by others keep arriving in the live document.`, 'warn');
        })
        .catch((e: unknown) => {
          if (request === this._request) {
            toast(`Could not load revision ${target}: ${(e as Error).message}`, 'error');
          }
        });
    }, 120);
  }

  private _restore(): void {
    const doc = this._host.doc();
    const view = this._host.view();
    const text = this._shownText;
    const revision = this.viewing;
    if (doc === null || view === null || text === null || revision === null) {
      return;
    }
    this.goLive();
    // The diff is taken against the editor's text at this very moment, so it applies exactly; edits others
    // make meanwhile are transformed against it like any concurrent typing.
    const operation = diff(view.state.doc.toString(), text);
    if (operation.isNoop()) {
      toast(`The document already equals revision ${revision}`);
      return;
    }
    view.dispatch({ changes: operationToChanges(operation), userEvent: 'restore', scrollIntoView: true });
    toast(`Restored revision ${revision} — Ctrl+Z undoes it`);
  }

  destroy(): void {
    clearTimeout(this._timer);
    this._historyView?.destroy();
  }
}

function authorText(revision: number, operation: { userId?: string | null; timestamp?: number | null } | null): string {
  if (revision === 0) {
    return 'the document as created';
  }
  if (operation === null) {
    return '';
  }
  const when = operation.timestamp ? relativeTime(new Date(operation.timestamp).toISOString()) : '';
  return `by ${nameOf(operation.userId)}${when ? ` · ${when}` : ''}`;
}
