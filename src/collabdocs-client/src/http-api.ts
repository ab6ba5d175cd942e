/** The CollabDocs HTTP API (documents and the development token endpoint). */

/** An entry of `GET /api/documents`. */
export interface DocumentSummary {
  id: string;
  revision: number;
  length: number;
  updatedAt: string;
}

/** The text of a document at a revision (`GET /api/documents/{id}/text`). */
export interface DocumentText {
  id: string;
  revision: number;
  text: string;
}

/** A token from the development endpoint `POST /api/dev/token`. */
export interface DevToken {
  token: string;
  userId: string;
  name: string;
  expiresAt: string;
}

/** An HTTP failure; `status` is the response status (0 when the request did not reach the server). */
export class HttpError extends Error {
  override readonly name = 'HttpError';

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface DocumentsApiOptions {
  /** Base URL of the server; default '' (same origin). */
  baseUrl?: string;
  /** Returns the bearer token, or null/undefined for none. */
  accessTokenFactory?: () => string | null | undefined | Promise<string | null | undefined>;
  /** Default: the global `fetch`. */
  fetch?: typeof fetch;
}

/** A small client of the documents HTTP API. */
export class DocumentsApi {
  private readonly _baseUrl: string;
  private readonly _fetch: typeof fetch;

  constructor(private readonly _options: DocumentsApiOptions = {}) {
    this._baseUrl = (_options.baseUrl ?? '').replace(/\/$/, '');
    this._fetch = _options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** `GET /api/documents`. */
  list(): Promise<DocumentSummary[]> {
    return this._request<DocumentSummary[]>('GET', '/api/documents');
  }

  /** `POST /api/documents`: creates a document (a generated id when `id` is omitted). */
  create(request: { id?: string; text?: string } = {}): Promise<{ id: string; revision: number }> {
    return this._request('POST', '/api/documents', request);
  }

  /** `GET /api/documents/{id}/text?revision=N`: the text at a revision (the latest when omitted). */
  text(id: string, revision?: number): Promise<DocumentText> {
    const query = revision === undefined ? '' : `?revision=${revision}`;
    return this._request<DocumentText>('GET', `/api/documents/${encodeURIComponent(id)}/text${query}`);
  }

  /**
   * `PUT /api/documents/{id}/members/{userId}`: gives a user a role on the document (owners only;
   * servers with access control).
   */
  setMember(id: string, userId: string, role: 'viewer' | 'editor' | 'owner'): Promise<{ userId: string; role: string }> {
    return this._request('PUT', `/api/documents/${encodeURIComponent(id)}/members/${encodeURIComponent(userId)}`, { role });
  }

  private async _request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = await this._options.accessTokenFactory?.();
    if (token) {
      headers['Authorization'] = `Bearer ${token}`;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    let response: Response;
    try {
      response = await this._fetch(this._baseUrl + path, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new HttpError(0, `${method} ${path} failed: ${(error as Error).message}`);
    }
    if (!response.ok) {
      throw new HttpError(response.status, await describeFailure(method, path, response));
    }
    return (await response.json()) as T;
  }
}

/** `POST /api/dev/token` with `{ name }`: a development token (servers with the dev endpoint only). */
export async function requestDevToken(name: string, baseUrl = '', fetchImpl: typeof fetch = (i, n) => globalThis.fetch(i, n)): Promise<DevToken> {
  const path = '/api/dev/token';
  let response: Response;
  try {
    response = await fetchImpl(baseUrl.replace(/\/$/, '') + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ name }),
    });
  } catch (error) {
    throw new HttpError(0, `POST ${path} failed: ${(error as Error).message}`);
  }
  if (!response.ok) {
    throw new HttpError(response.status, await describeFailure('POST', path, response));
  }
  return (await response.json()) as DevToken;
}

async function describeFailure(method: string, path: string, response: Response): Promise<string> {
  let detail = '';
  try {
    const text = await response.text();
    if (text) {
      try {
        const problem = JSON.parse(text) as { title?: string; detail?: string; error?: string; message?: string };
        detail = problem.detail ?? problem.error ?? problem.message ?? problem.title ?? text;
      } catch {
        detail = text;
      }
    }
  } catch {
    // no body
  }
  return `${method} ${path}: ${response.status} ${response.statusText}${detail ? ` — ${detail.slice(0, 300)}` : ''}`;
}
