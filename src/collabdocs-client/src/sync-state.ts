import { TextOperation } from './text-operation.js';

/**
 * The ot.js client states: no local change pending; one operation sent and not yet acknowledged;
 * one sent plus later local changes composed into a buffer.
 */
export type SyncState = 'synchronized' | 'awaitingConfirm' | 'awaitingWithBuffer';

/** A local operation under one `(clientId, seq)`: sent, or to be sent, until the server acknowledges it. */
export interface Submission {
  /** Kept transformed to the client's current revision. */
  operation: TextOperation;
  readonly clientId: string;
  readonly seq: number;
  /** A Submit for it is in progress on the connection of epoch `sentEpoch`. */
  inFlight: boolean;
  sentEpoch: number;
  /** The revision the server acknowledged it as, once known (the ack may still be held back). */
  ackedAs: number | null;
  retries: number;
  /** Written to the pending-edits store: only then is it sent. */
  stored: boolean;
}

/** Gives a local operation its `(clientId, seq)` when it becomes the outstanding one. */
export type SubmissionFactory = (operation: TextOperation) => Submission;

/**
 * One state of the ot.js client state machine. The laws (as in ot.js): `applyClient` takes an
 * operation on the local text; `applyServer` takes another client's operation on the server text and
 * returns it transformed for the local text; `serverAck` is the acknowledgement of `outstanding`.
 */
export interface ClientState {
  readonly name: SyncState;
  readonly outstanding: Submission | null;
  readonly buffer: TextOperation | null;
  applyClient(operation: TextOperation, submit: SubmissionFactory): ClientState;
  applyServer(operation: TextOperation): [ClientState, TextOperation];
  serverAck(submit: SubmissionFactory): ClientState;
}

/** No local change pending. */
export class Synchronized implements ClientState {
  static readonly instance = new Synchronized();
  readonly name = 'synchronized';
  readonly outstanding = null;
  readonly buffer = null;

  applyClient(operation: TextOperation, submit: SubmissionFactory): ClientState {
    return new AwaitingConfirm(submit(operation));
  }

  applyServer(operation: TextOperation): [ClientState, TextOperation] {
    return [this, operation];
  }

  serverAck(): ClientState {
    throw new Error('There is no pending operation.');
  }
}

/** One operation sent, waiting for its acknowledgement. */
export class AwaitingConfirm implements ClientState {
  readonly name = 'awaitingConfirm';
  readonly buffer = null;

  constructor(readonly outstanding: Submission) {}

  applyClient(operation: TextOperation): ClientState {
    return new AwaitingWithBuffer(this.outstanding, operation);
  }

  applyServer(operation: TextOperation): [ClientState, TextOperation] {
    const [outstandingPrime, operationPrime] = TextOperation.transform(this.outstanding.operation, operation);
    this.outstanding.operation = outstandingPrime;
    return [this, operationPrime];
  }

  serverAck(): ClientState {
    return Synchronized.instance;
  }
}

/** One operation sent, and later local changes composed into a buffer sent after the acknowledgement. */
export class AwaitingWithBuffer implements ClientState {
  readonly name = 'awaitingWithBuffer';

  constructor(
    readonly outstanding: Submission,
    readonly buffer: TextOperation,
  ) {}

  applyClient(operation: TextOperation): ClientState {
    return new AwaitingWithBuffer(this.outstanding, this.buffer.compose(operation));
  }

  applyServer(operation: TextOperation): [ClientState, TextOperation] {
    const [outstandingPrime, operation1] = TextOperation.transform(this.outstanding.operation, operation);
    this.outstanding.operation = outstandingPrime;
    const [bufferPrime, operation2] = TextOperation.transform(this.buffer, operation1);
    return [new AwaitingWithBuffer(this.outstanding, bufferPrime), operation2];
  }

  serverAck(submit: SubmissionFactory): ClientState {
    return new AwaitingConfirm(submit(this.buffer));
  }
}

/** The pending local operations of `state`, oldest first (in server form for the first). */
export function pendingOperations(state: ClientState): TextOperation[] {
  const pending: TextOperation[] = [];
  if (state.outstanding !== null) {
    pending.push(state.outstanding.operation);
  }
  if (state.buffer !== null) {
    pending.push(state.buffer);
  }
  return pending;
}
