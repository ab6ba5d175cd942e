/**
 * One component of an operation in ot.js's JSON form: a positive integer retains that many
 * characters, a non-empty string inserts it, a negative integer deletes that many characters.
 */
export type OperationComponent = number | string;

/** True for a retain component (a positive integer). */
export function isRetain(component: OperationComponent | undefined): component is number {
  return typeof component === 'number' && component > 0;
}

/** True for an insert component (a string). */
export function isInsert(component: OperationComponent | undefined): component is string {
  return typeof component === 'string';
}

/** True for a delete component (a negative integer). */
export function isDelete(component: OperationComponent | undefined): component is number {
  return typeof component === 'number' && component < 0;
}

/** True when `index` falls between the two halves of a surrogate pair of `text`. */
export function splitsSurrogatePair(text: string, index: number): boolean {
  if (index <= 0 || index >= text.length) {
    return false;
  }
  const before = text.charCodeAt(index - 1);
  const after = text.charCodeAt(index);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/** True when `text` has no lone surrogate (it is well-formed UTF-16). */
export function isWellFormedUtf16(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) {
        return false;
      }
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false;
    }
  }
  return true;
}

/**
 * An edit of a plain-text document, compatible with ot.js's `TextOperation`: a list of retain, insert
 * and delete components that walks the whole base text. Lengths and positions are UTF-16 code units
 * (JavaScript string indexes), exactly as on the wire.
 *
 * The builder methods `retain`, `insert` and `delete` append in place and merge neighbours; an insert
 * is always put before an adjacent delete, so two operations with the same effect are equal in
 * structure (`equals`). All other methods return new operations and leave their inputs unchanged.
 */
export class TextOperation {
  /** The components, in ot.js's JSON form. Treat as read-only outside the builder methods. */
  readonly ops: OperationComponent[] = [];
  /** Length of the text this operation applies to (retains + deletes). */
  baseLength = 0;
  /** Length of the text this operation produces (retains + inserts). */
  targetLength = 0;

  /** Keeps the next `n` characters. */
  retain(n: number): this {
    if (!Number.isInteger(n) || n < 0) {
      throw new Error(`retain expects a non-negative integer, got ${String(n)}.`);
    }
    if (n === 0) {
      return this;
    }
    this.baseLength += n;
    this.targetLength += n;
    const last = this.ops.length - 1;
    const lastOp = this.ops[last];
    if (isRetain(lastOp)) {
      this.ops[last] = lastOp + n;
    } else {
      this.ops.push(n);
    }
    return this;
  }

  /** Inserts `text` at the current position. */
  insert(text: string): this {
    if (typeof text !== 'string') {
      throw new Error('insert expects a string.');
    }
    if (text === '') {
      return this;
    }
    this.targetLength += text.length;
    const ops = this.ops;
    const last = ops.length - 1;
    const lastOp = ops[last];
    if (isInsert(lastOp)) {
      ops[last] = lastOp + text;
    } else if (isDelete(lastOp)) {
      // Insert-before-delete normal form: delete(3), insert("x") is stored as insert("x"), delete(3).
      const beforeLast = ops[last - 1];
      if (isInsert(beforeLast)) {
        ops[last - 1] = beforeLast + text;
      } else {
        ops.push(lastOp);
        ops[last] = text;
      }
    } else {
      ops.push(text);
    }
    return this;
  }

  /** Deletes the next `n` characters (or as many as `text` has). A negative count is accepted as ot.js does. */
  delete(n: number | string): this {
    let count = typeof n === 'string' ? n.length : n;
    if (!Number.isInteger(count)) {
      throw new Error(`delete expects an integer or a string, got ${String(n)}.`);
    }
    if (count === 0) {
      return this;
    }
    if (count > 0) {
      count = -count;
    }
    this.baseLength -= count;
    const last = this.ops.length - 1;
    const lastOp = this.ops[last];
    if (isDelete(lastOp)) {
      this.ops[last] = lastOp + count;
    } else {
      this.ops.push(count);
    }
    return this;
  }

  /** True when applying the operation changes nothing. */
  isNoop(): boolean {
    return this.ops.length === 0 || (this.ops.length === 1 && isRetain(this.ops[0]));
  }

  /** Structural equality (same components and lengths). */
  equals(other: TextOperation): boolean {
    if (this.baseLength !== other.baseLength || this.targetLength !== other.targetLength) {
      return false;
    }
    if (this.ops.length !== other.ops.length) {
      return false;
    }
    for (let i = 0; i < this.ops.length; i++) {
      if (this.ops[i] !== other.ops[i]) {
        return false;
      }
    }
    return true;
  }

  /** A copy that can be extended without changing this operation. */
  clone(): TextOperation {
    const copy = new TextOperation();
    copy.ops.push(...this.ops);
    copy.baseLength = this.baseLength;
    copy.targetLength = this.targetLength;
    return copy;
  }

  /** ot.js's human-readable form, e.g. `retain 5, insert 'hi', delete 3`. */
  toString(): string {
    return this.ops
      .map((op) => (isRetain(op) ? `retain ${op}` : isInsert(op) ? `insert '${op}'` : `delete ${-op}`))
      .join(', ');
  }

  /** The wire form: the component array, exactly as ot.js serialises it. */
  toJSON(): OperationComponent[] {
    return this.ops.slice();
  }

  /**
   * Parses the wire form strictly: integers only (no zero, floats or null), non-empty strings without
   * lone surrogates, nothing else. Adjacent components of one kind are merged as by the builder.
   */
  static fromJSON(json: unknown): TextOperation {
    if (!Array.isArray(json)) {
      throw new Error('An operation must be a JSON array.');
    }
    const operation = new TextOperation();
    for (const component of json as unknown[]) {
      if (typeof component === 'number' && Number.isSafeInteger(component) && component !== 0) {
        if (component > 0) {
          operation.retain(component);
        } else {
          operation.delete(component);
        }
      } else if (typeof component === 'string' && component !== '' && isWellFormedUtf16(component)) {
        operation.insert(component);
      } else {
        throw new Error(`Malformed operation component: ${JSON.stringify(component)}.`);
      }
    }
    return operation;
  }

  /** The operation that leaves a text of `length` characters unchanged. */
  static identity(length: number): TextOperation {
    return new TextOperation().retain(length);
  }

  /**
   * A single edit, as editors report them: in a text of `length` characters, replace the characters
   * `from`..`to` with `text`.
   */
  static splice(length: number, from: number, to: number, text: string): TextOperation {
    if (!(0 <= from && from <= to && to <= length)) {
      throw new Error(`Splice ${from}..${to} does not fit a text of length ${length}.`);
    }
    return new TextOperation().retain(from).insert(text).delete(to - from).retain(length - to);
  }

  /** Applies the operation to `text` and returns the new text. */
  apply(text: string): string {
    if (text.length !== this.baseLength) {
      throw new Error(`The operation's base length (${this.baseLength}) must be equal to the text's length (${text.length}).`);
    }
    const parts: string[] = [];
    let index = 0;
    for (const op of this.ops) {
      if (isRetain(op)) {
        if (index + op > text.length) {
          throw new Error("The operation can't retain more characters than are left in the text.");
        }
        parts.push(text.slice(index, index + op));
        index += op;
      } else if (isInsert(op)) {
        parts.push(op);
      } else {
        index -= op;
      }
    }
    if (index !== text.length) {
      throw new Error("The operation didn't operate on the whole text.");
    }
    return parts.join('');
  }

  /** The operation that undoes this one; `text` is the text this operation was applied to. */
  invert(text: string): TextOperation {
    if (text.length !== this.baseLength) {
      throw new Error(`The operation's base length (${this.baseLength}) must be equal to the text's length (${text.length}).`);
    }
    const inverse = new TextOperation();
    let index = 0;
    for (const op of this.ops) {
      if (isRetain(op)) {
        inverse.retain(op);
        index += op;
      } else if (isInsert(op)) {
        inverse.delete(op.length);
      } else {
        inverse.insert(text.slice(index, index - op));
        index -= op;
      }
    }
    return inverse;
  }

  /**
   * Combines this operation with `next`, which applies to this one's result, into one operation with
   * the same effect: apply(apply(S, A), B) = apply(S, A.compose(B)).
   */
  compose(next: TextOperation): TextOperation {
    if (this.targetLength !== next.baseLength) {
      throw new Error(
        `Cannot compose: the first operation's target length (${this.targetLength}) must equal the second's base length (${next.baseLength}).`,
      );
    }
    const result = new TextOperation();
    const ops1 = this.ops;
    const ops2 = next.ops;
    let i1 = 0;
    let i2 = 0;
    let op1 = ops1[i1++];
    let op2 = ops2[i2++];
    for (;;) {
      if (op1 === undefined && op2 === undefined) {
        break;
      }
      if (isDelete(op1)) {
        result.delete(op1);
        op1 = ops1[i1++];
        continue;
      }
      if (isInsert(op2)) {
        result.insert(op2);
        op2 = ops2[i2++];
        continue;
      }
      if (op1 === undefined) {
        throw new Error('Cannot compose operations: first operation is too short.');
      }
      if (op2 === undefined) {
        throw new Error('Cannot compose operations: first operation is too long.');
      }

      if (isRetain(op1) && isRetain(op2)) {
        if (op1 > op2) {
          result.retain(op2);
          op1 = op1 - op2;
          op2 = ops2[i2++];
        } else if (op1 === op2) {
          result.retain(op1);
          op1 = ops1[i1++];
          op2 = ops2[i2++];
        } else {
          result.retain(op1);
          op2 = op2 - op1;
          op1 = ops1[i1++];
        }
      } else if (isInsert(op1) && isDelete(op2)) {
        if (op1.length > -op2) {
          op1 = op1.slice(-op2);
          op2 = ops2[i2++];
        } else if (op1.length === -op2) {
          op1 = ops1[i1++];
          op2 = ops2[i2++];
        } else {
          op2 = op2 + op1.length;
          op1 = ops1[i1++];
        }
      } else if (isInsert(op1) && isRetain(op2)) {
        if (op1.length > op2) {
          result.insert(op1.slice(0, op2));
          op1 = op1.slice(op2);
          op2 = ops2[i2++];
        } else if (op1.length === op2) {
          result.insert(op1);
          op1 = ops1[i1++];
          op2 = ops2[i2++];
        } else {
          result.insert(op1);
          op2 = op2 - op1.length;
          op1 = ops1[i1++];
        }
      } else if (isRetain(op1) && isDelete(op2)) {
        if (op1 > -op2) {
          result.delete(op2);
          op1 = op1 + op2;
          op2 = ops2[i2++];
        } else if (op1 === -op2) {
          result.delete(op2);
          op1 = ops1[i1++];
          op2 = ops2[i2++];
        } else {
          result.delete(op1);
          op2 = op2 + op1;
          op1 = ops1[i1++];
        }
      } else {
        throw new Error(`Cannot compose ${JSON.stringify(op1)} with ${JSON.stringify(op2)}.`);
      }
    }
    return result;
  }

  /**
   * Transforms two concurrent operations A and B, made on the same text, into [A', B'] such that
   * apply(apply(S, A), B') = apply(apply(S, B), A'). This function is the heart of OT.
   *
   * The first argument wins ties: when both insert at the same position, A's text ends up first.
   * The server passes the incoming operation first; a client passes its own pending operation first.
   */
  static transform(a: TextOperation, b: TextOperation): [TextOperation, TextOperation] {
    if (a.baseLength !== b.baseLength) {
      throw new Error(`Cannot transform: both operations must have the same base length (${a.baseLength} vs ${b.baseLength}).`);
    }
    const aPrime = new TextOperation();
    const bPrime = new TextOperation();
    const ops1 = a.ops;
    const ops2 = b.ops;
    let i1 = 0;
    let i2 = 0;
    let op1 = ops1[i1++];
    let op2 = ops2[i2++];
    for (;;) {
      if (op1 === undefined && op2 === undefined) {
        break;
      }
      // Inserts go first, A's before B's: that is the tie-break.
      if (isInsert(op1)) {
        aPrime.insert(op1);
        bPrime.retain(op1.length);
        op1 = ops1[i1++];
        continue;
      }
      if (isInsert(op2)) {
        aPrime.retain(op2.length);
        bPrime.insert(op2);
        op2 = ops2[i2++];
        continue;
      }
      if (op1 === undefined) {
        throw new Error('Cannot transform operations: first operation is too short.');
      }
      if (op2 === undefined) {
        throw new Error('Cannot transform operations: first operation is too long.');
      }

      let min: number;
      if (isRetain(op1) && isRetain(op2)) {
        if (op1 > op2) {
          min = op2;
          op1 = op1 - op2;
          op2 = ops2[i2++];
        } else if (op1 === op2) {
          min = op2;
          op1 = ops1[i1++];
          op2 = ops2[i2++];
        } else {
          min = op1;
          op2 = op2 - op1;
          op1 = ops1[i1++];
        }
        aPrime.retain(min);
        bPrime.retain(min);
      } else if (isDelete(op1) && isDelete(op2)) {
        // Both delete the same characters: neither prime needs to.
        if (-op1 > -op2) {
          op1 = op1 - op2;
          op2 = ops2[i2++];
        } else if (op1 === op2) {
          op1 = ops1[i1++];
          op2 = ops2[i2++];
        } else {
          op2 = op2 - op1;
          op1 = ops1[i1++];
        }
      } else if (isDelete(op1) && isRetain(op2)) {
        if (-op1 > op2) {
          min = op2;
          op1 = op1 + op2;
          op2 = ops2[i2++];
        } else if (-op1 === op2) {
          min = op2;
          op1 = ops1[i1++];
          op2 = ops2[i2++];
        } else {
          min = -op1;
          op2 = op2 + op1;
          op1 = ops1[i1++];
        }
        aPrime.delete(min);
      } else if (isRetain(op1) && isDelete(op2)) {
        if (op1 > -op2) {
          min = -op2;
          op1 = op1 + op2;
          op2 = ops2[i2++];
        } else if (op1 === -op2) {
          min = op1;
          op1 = ops1[i1++];
          op2 = ops2[i2++];
        } else {
          min = op1;
          op2 = op2 + op1;
          op1 = ops1[i1++];
        }
        bPrime.delete(min);
      } else {
        throw new Error("The two operations aren't compatible.");
      }
    }
    return [aPrime, bPrime];
  }

  /**
   * Moves a position in the base text to the matching position in the target text (ot.js's
   * `transformIndex`): text inserted at the position goes before it, and a position inside deleted
   * text moves to where the deletion happened.
   */
  transformIndex(index: number): number {
    if (!(index >= 0 && index <= this.baseLength)) {
      throw new Error(`Index ${index} is outside the operation's base text (length ${this.baseLength}).`);
    }
    let remaining = index;
    let moved = index;
    for (const op of this.ops) {
      if (isRetain(op)) {
        remaining -= op;
      } else if (isInsert(op)) {
        moved += op.length;
      } else {
        moved -= Math.min(remaining, -op);
        remaining += op;
      }
      if (remaining < 0) {
        break;
      }
    }
    return moved;
  }
}
