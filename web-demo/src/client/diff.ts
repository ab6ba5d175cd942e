import { TextOperation, splitsSurrogatePair } from './text-operation';

/**
 * The operation turning `from` into `to` with one replaced span (common prefix and suffix kept),
 * never splitting a surrogate pair.
 */
export function diff(from: string, to: string): TextOperation {
  let prefix = 0;
  const max = Math.min(from.length, to.length);
  while (prefix < max && from.charCodeAt(prefix) === to.charCodeAt(prefix)) {
    prefix++;
  }
  if (splitsSurrogatePair(from, prefix) || splitsSurrogatePair(to, prefix)) {
    prefix--;
  }
  let suffix = 0;
  while (
    suffix < max - prefix &&
    from.charCodeAt(from.length - 1 - suffix) === to.charCodeAt(to.length - 1 - suffix)
  ) {
    suffix++;
  }
  if (splitsSurrogatePair(from, from.length - suffix) || splitsSurrogatePair(to, to.length - suffix)) {
    suffix--;
  }
  return new TextOperation()
    .retain(prefix)
    .delete(from.length - prefix - suffix)
    .insert(to.slice(prefix, to.length - suffix))
    .retain(suffix);
}
