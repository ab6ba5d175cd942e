import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightSpecialChars, keymap, lineNumbers, placeholder } from '@codemirror/view';

/** Switches an editor between editable and read-only. */
export const editable = new Compartment();

export function editableExtension(isEditable: boolean): Extension {
  return [EditorState.readOnly.of(!isEditable), EditorView.editable.of(isEditable)];
}

/** The editor basics for plain text. Line breaks are exactly "\n", so editor and server offsets agree. */
export function plainTextSetup(options: { readOnly?: boolean; placeholder?: string } = {}): Extension {
  return [
    EditorState.lineSeparator.of('\n'),
    lineNumbers(),
    highlightSpecialChars(),
    drawSelection(),
    highlightActiveLine(),
    EditorView.lineWrapping,
    editable.of(editableExtension(!options.readOnly)),
    options.readOnly ? [] : [history(), keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab])],
    placeholder(options.placeholder ?? 'Start typing…'),
    EditorView.contentAttributes.of({ spellcheck: 'false', autocapitalize: 'off', autocorrect: 'off' }),
  ];
}
