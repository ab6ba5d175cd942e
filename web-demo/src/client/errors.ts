/** The stable error codes of the hub (docs/protocol.md, "Errors"). */
export type HubErrorCode =
  | 'invalid_argument'
  | 'document_not_found'
  | 'malformed_operation'
  | 'operation_mismatch'
  | 'revision_in_future'
  | 'revision_too_old'
  | 'duplicate_seq_mismatch'
  | 'seq_out_of_order'
  | 'forbidden'
  | 'limit_exceeded'
  | 'rate_limited'
  | 'unavailable';

/**
 * A failure reported by the client library. `code` is the hub's stable code when the server sent
 * one, `'connection'` when the call failed because the connection was lost, and `'client'` for a
 * problem detected locally (for example an operation that does not fit the text).
 */
export type CollabErrorCode = HubErrorCode | 'connection' | 'client' | (string & {});

const hubCodePattern = /HubException: ([a-z_]+):/;

/**
 * The structured detail some codes carry as a JSON object after the code
 * (`rate_limited: {"message":"…","retryAfterMs":120}`, docs/protocol.md).
 */
interface HubErrorDetail {
  message?: unknown;
  retryAfterMs?: unknown;
}

function parseDetail(text: string): HubErrorDetail | undefined {
  if (!text.startsWith('{')) {
    return undefined;
  }
  try {
    const detail: unknown = JSON.parse(text);
    return typeof detail === 'object' && detail !== null ? (detail as HubErrorDetail) : undefined;
  } catch {
    return undefined;
  }
}

export class CollabError extends Error {
  override readonly name = 'CollabError';

  constructor(
    readonly code: CollabErrorCode,
    message: string,
    readonly method?: string,
    override readonly cause?: unknown,
    /** For `rate_limited`: how long the server asked to wait, from the error's `retryAfterMs` field, if it said. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  /** True when the server refused the call with a stable code (the call changed nothing). */
  get isHubError(): boolean {
    return this.code !== 'connection' && this.code !== 'client';
  }

  /**
   * Wraps an error thrown by `HubConnection.invoke`: `HubException: code: text` messages become
   * that code; anything else (connection closed, invocation canceled) becomes `'connection'`.
   */
  static fromInvokeError(error: unknown, method?: string): CollabError {
    if (error instanceof CollabError) {
      return error;
    }
    const message = error instanceof Error ? error.message : String(error);
    const match = hubCodePattern.exec(message);
    if (match?.[1] !== undefined) {
      const text = message.slice((match.index ?? 0) + match[0].length).trim();
      const detail = parseDetail(text);
      if (detail !== undefined) {
        const retryAfterMs =
          typeof detail.retryAfterMs === 'number' && Number.isFinite(detail.retryAfterMs) && detail.retryAfterMs >= 0
            ? detail.retryAfterMs
            : undefined;
        const detailMessage = typeof detail.message === 'string' && detail.message !== '' ? detail.message : text;
        return new CollabError(match[1], detailMessage, method, error, retryAfterMs);
      }
      return new CollabError(match[1], text || message, method, error);
    }
    return new CollabError('connection', message, method, error);
  }
}

/** Extracts the hub error code from an error message, or undefined when there is none. */
export function parseHubErrorCode(message: string): string | undefined {
  return hubCodePattern.exec(message)?.[1];
}
