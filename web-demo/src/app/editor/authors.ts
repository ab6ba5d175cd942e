import { StateEffect, StateField, type Range } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';
import type { CollabDocument } from '@collabdocs/client';
import type { AuthorRange, DemoApi } from '../api';
import { h } from '../dom';
import { nameOf } from '../names';

const refetchDelayMs = 400;

/** Replaces the author colouring (null: none). */
const setAuthors = StateEffect.define<readonly AuthorRange[] | null>();

/** A stable light colour per user. */
function colorOf(userId: string): string {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) {
    hash = (Math.imul(hash, 31) + userId.charCodeAt(i)) | 0;
  }
  return `hsla(${Math.abs(hash) % 360}, 75%, 70%, 0.35)`;
}

/**
 * The colouring of the text by author. Between two answers of the server it moves with every edit
 * (text typed since is not coloured until the next answer).
 */
export const authorsField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, tr) {
    for (const effect of tr.effects) {
      if (effect.is(setAuthors)) {
        if (effect.value === null) {
          return Decoration.none;
        }
        const marks: Range<Decoration>[] = effect.value
          .filter((r) => r.length > 0 && r.start + r.length <= tr.state.doc.length)
          .map((r) =>
            Decoration.mark({
              class: 'author-mark',
              attributes: { style: `background-color: ${colorOf(r.userId)}`, title: nameOf(r.userId), 'data-author': r.userId },
            }).range(r.start, r.start + r.length),
          );
        return Decoration.set(marks, true);
      }
    }
    return decorations.map(tr.changes);
  },
  provide: (field) => EditorView.decorations.from(field),
});

/**
 * The "Authors" toggle of the editor page: while on, it colours the text by who inserted it
 * (`GET /api/documents/{id}/authors?by=user`) and asks again shortly after every new revision.
 */
export class AuthorsToggle {
  readonly button = h('button', { class: 'ghost', type: 'button', id: 'show-authors', 'aria-pressed': 'false', title: 'Colour the text by author' }, 'Authors');
  private _on = false;
  private _timer: ReturnType<typeof setTimeout> | null = null;
  private _doc: CollabDocument | null = null;
  private _view: EditorView | null = null;

  constructor(
    private readonly _api: DemoApi,
    private readonly _id: string,
  ) {
    this.button.addEventListener('click', () => this._set(!this._on));
  }

  /** Follows `doc` in `view` (which has `authorsField`); returns what stops it. */
  attach(doc: CollabDocument, view: EditorView): () => void {
    this._doc = doc;
    this._view = view;
    const off = doc.on('revision', () => this._schedule());
    return () => {
      off();
      this._on = false;
      this._clearTimer();
    };
  }

  private _set(on: boolean): void {
    this._on = on;
    this.button.setAttribute('aria-pressed', String(on));
    this.button.classList.toggle('active', on);
    this._clearTimer();
    if (on) {
      void this._fetch();
    } else {
      this._view?.dispatch({ effects: setAuthors.of(null) });
    }
  }

  private _schedule(): void {
    if (this._on) {
      this._clearTimer();
      this._timer = setTimeout(() => void this._fetch(), refetchDelayMs);
    }
  }

  private _clearTimer(): void {
    if (this._timer !== null) {
      clearTimeout(this._timer);
      this._timer = null;
    }
  }

  private async _fetch(): Promise<void> {
    this._timer = null;
    try {
      const answer = await this._api.authors(this._id);
      const doc = this._doc;
      if (!this._on || doc === null || this._view === null) {
        return;
      }
      // The ranges are offsets in the text at their revision: use them only where the editor shows that text.
      if (doc.revision !== answer.revision || doc.hasPendingChanges || doc.text.length !== answer.length) {
        this._schedule();
        return;
      }
      this._view.dispatch({ effects: setAuthors.of(answer.ranges) });
    } catch (error) {
      console.warn('CollabDocs: could not load the authors:', (error as Error).message);
    }
  }
}
