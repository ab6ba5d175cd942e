import { Annotation, StateEffect, StateField, Transaction, type ChangeSet, type ChangeSpec, type Extension, type Range } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, WidgetType, type DecorationSet, type PluginValue, type ViewUpdate } from '@codemirror/view';
import { TextOperation, isInsert, isRetain, type CollabDocument, type RemotePresence } from '@collabdocs/client';

/** Marks transactions that carry remote changes, so they are not sent back (no echo). */
const remoteChange = Annotation.define<boolean>();

/** Replaces the remote cursors and selections to draw. */
const setRemotePresence = StateEffect.define<readonly RemotePresence[]>();

/** A CodeMirror change set (on a text of `length`) as a TextOperation. Both count UTF-16 units. */
export function changesToOperation(changes: ChangeSet, length: number): TextOperation {
  const operation = new TextOperation();
  let position = 0;
  changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
    operation.retain(fromA - position).insert(inserted.toString()).delete(toA - fromA);
    position = toA;
  });
  return operation.retain(length - position);
}

/** A TextOperation as CodeMirror change specs (positions in the text before the change). */
export function operationToChanges(operation: TextOperation): ChangeSpec[] {
  const changes: ChangeSpec[] = [];
  let position = 0;
  for (const component of operation.ops) {
    if (isRetain(component)) {
      position += component;
    } else if (isInsert(component)) {
      changes.push({ from: position, insert: component });
    } else {
      changes.push({ from: position, to: position - component });
      position -= component;
    }
  }
  return changes;
}

/** A remote caret with the user's name; the label fades out a few seconds after the caret last moved. */
class RemoteCursorWidget extends WidgetType {
  constructor(
    readonly name: string,
    readonly color: string,
    readonly sessionId: string,
    readonly head: number,
  ) {
    super();
  }

  override eq(other: RemoteCursorWidget): boolean {
    return other.name === this.name && other.color === this.color && other.sessionId === this.sessionId && other.head === this.head;
  }

  toDOM(): HTMLElement {
    const caret = document.createElement('span');
    caret.className = 'cm-remote-caret';
    caret.style.setProperty('--user-color', this.color);
    caret.dataset['session'] = this.sessionId;
    caret.setAttribute('aria-label', `${this.name}'s cursor`);
    const label = document.createElement('span');
    label.className = 'cm-remote-label';
    label.textContent = this.name;
    caret.append(label);
    return caret;
  }

  override ignoreEvent(): boolean {
    return true;
  }
}

function buildDecorations(presence: readonly RemotePresence[], length: number): DecorationSet {
  const ranges: Range<Decoration>[] = [];
  for (const user of presence) {
    for (const range of user.ranges) {
      const anchor = Math.min(Math.max(range.anchor, 0), length);
      const head = Math.min(Math.max(range.head, 0), length);
      if (anchor !== head) {
        ranges.push(
          Decoration.mark({
            class: 'cm-remote-selection',
            attributes: { style: `background-color: color-mix(in srgb, ${user.color} 22%, transparent)` },
          }).range(Math.min(anchor, head), Math.max(anchor, head)),
        );
      }
      ranges.push(Decoration.widget({ widget: new RemoteCursorWidget(user.name, user.color, user.sessionId, head), side: 1 }).range(head));
    }
  }
  return Decoration.set(ranges, true);
}

const remotePresenceField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, transaction) {
    let next = decorations.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (effect.is(setRemotePresence)) {
        next = buildDecorations(effect.value, transaction.state.doc.length);
      }
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/**
 * Connects an editor to a `CollabDocument`: local transactions become operations, remote operations
 * become transactions (annotated so they are not echoed, and kept out of the undo history), the
 * selection is published as presence, and other users' cursors and selections are drawn.
 */
class CollabPlugin implements PluginValue {
  private readonly _unsubscribe: (() => void)[] = [];
  private _presenceScheduled = false;
  private _destroyed = false;

  constructor(
    private readonly _view: EditorView,
    private readonly _doc: CollabDocument,
  ) {
    this._unsubscribe.push(
      _doc.on('change', (change) => {
        this._view.dispatch({
          changes: operationToChanges(change.operation),
          annotations: [remoteChange.of(true), Transaction.addToHistory.of(false)],
        });
        if (this._view.state.doc.length !== this._doc.text.length) {
          // Never expected; if it happens, the document is the truth.
          console.warn('CollabDocs: editor out of step, reloading the text');
          this._view.dispatch({
            changes: { from: 0, to: this._view.state.doc.length, insert: this._doc.text },
            annotations: [remoteChange.of(true), Transaction.addToHistory.of(false)],
          });
        }
        this._schedulePresence();
      }),
      _doc.on('presence', () => this._schedulePresence()),
    );
    this._schedulePresence();
  }

  update(update: ViewUpdate): void {
    let changed = false;
    for (const transaction of update.transactions) {
      if (transaction.docChanged && transaction.annotation(remoteChange) !== true) {
        this._doc.applyLocal(changesToOperation(transaction.changes, transaction.startState.doc.length));
        changed = true;
      }
    }
    if (changed || update.selectionSet) {
      this._doc.setSelection(update.state.selection.ranges.map((r) => ({ anchor: r.anchor, head: r.head })));
    }
  }

  destroy(): void {
    this._destroyed = true;
    for (const unsubscribe of this._unsubscribe) {
      unsubscribe();
    }
  }

  /** Redraws remote presence after the current update (dispatching inside an update is not allowed). */
  private _schedulePresence(): void {
    if (this._presenceScheduled) {
      return;
    }
    this._presenceScheduled = true;
    queueMicrotask(() => {
      this._presenceScheduled = false;
      if (!this._destroyed) {
        this._view.dispatch({ effects: setRemotePresence.of(this._doc.presence) });
      }
    });
  }
}

/** The editor extension for a document. The editor must start with `doc.text`. */
export function collab(doc: CollabDocument): Extension {
  return [remotePresenceField, ViewPlugin.define((view) => new CollabPlugin(view, doc))];
}
