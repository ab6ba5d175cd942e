import { HttpError } from '@collabdocs/client';

/**
 * The HTTP API calls the demo makes (`/api/documents…`): the document list with titles and roles, titles,
 * delete, who made a revision, members and share links. Kept in the demo, on plain `fetch`, so it does not
 * depend on the client library growing these calls; errors are the library's `HttpError`.
 */

/** An entry of `GET /api/documents`. */
export interface DocumentSummary {
  id: string;
  /** Empty when untitled. */
  title: string;
  revision: number;
  length: number;
  createdBy: string;
  updatedAt: string;
  /** The caller's role. */
  role: 'owner' | 'editor' | 'viewer';
}

/** A share link (`POST /api/documents/{id}/share`): `token` grants `role` on this one document. */
export interface ShareLink {
  token: string;
  documentId: string;
  userId: string;
  role: 'viewer' | 'editor';
  expiresAt: string;
}

/** A user's (or share link's, `share:…`) role on a document. */
export interface Member {
  userId: string;
  role: string;
}

/** A committed operation as `GET /api/documents/{id}/operations` returns it (the fields the demo reads). */
export interface OperationRecord {
  revision: number;
  userId?: string | null;
  /** Milliseconds since the Unix epoch. */
  timestamp?: number | null;
}

/** A run of text inserted by one user (`GET /authors?by=user`), in UTF-16 offsets of the text at `revision`. */
export interface AuthorRange {
  start: number;
  length: number;
  userId: string;
  revision: number;
  timestamp: number;
}

export class DemoApi {
  constructor(private readonly _token: () => Promise<string>) {}

  /** The caller's documents, most recently updated first; `mine` (owned) or `shared` (the others). */
  list(filter?: 'mine' | 'shared'): Promise<DocumentSummary[]> {
    return this._request('GET', `/api/documents${filter ? `?filter=${filter}` : ''}`);
  }

  create(request: { id?: string; text?: string; title?: string }): Promise<DocumentSummary> {
    return this._request('POST', '/api/documents', request);
  }

  remove(id: string): Promise<void> {
    return this._request('DELETE', doc(id));
  }

  text(id: string, revision: number): Promise<{ id: string; revision: number; text: string }> {
    return this._request('GET', `${doc(id)}/text?revision=${revision}`);
  }

  async title(id: string): Promise<string> {
    return (await this._request<{ title: string }>('GET', `${doc(id)}/title`)).title;
  }

  /** Editors and owners; '' makes the document untitled. Returns the stored (trimmed) title. */
  async rename(id: string, title: string): Promise<string> {
    return (await this._request<{ title: string }>('PUT', `${doc(id)}/title`, { title })).title;
  }

  /** Committed operations with from < revision <= to. */
  operations(id: string, from: number, to: number): Promise<OperationRecord[]> {
    return this._request('GET', `${doc(id)}/operations?from=${from}&to=${to}`);
  }

  /** Who inserted each part of the current text, neighbouring ranges of one user merged. */
  authors(id: string): Promise<{ revision: number; length: number; ranges: AuthorRange[] }> {
    return this._request('GET', `${doc(id)}/authors?by=user`);
  }

  members(id: string): Promise<Member[]> {
    return this._request('GET', `${doc(id)}/members`);
  }

  setMember(id: string, userId: string, role: 'viewer' | 'editor'): Promise<Member> {
    return this._request('PUT', `${doc(id)}/members/${encodeURIComponent(userId)}`, { role });
  }

  /** Revokes a user's role, or turns a share link off (and takes back what it granted). */
  revoke(id: string, userId: string): Promise<void> {
    return this._request('DELETE', `${doc(id)}/members/${encodeURIComponent(userId)}`);
  }

  share(id: string, role: 'viewer' | 'editor'): Promise<ShareLink> {
    return this._request('POST', `${doc(id)}/share`, { role });
  }

  /** Opens a share link as the signed-in user; returns the user's role. */
  redeem(id: string, token: string): Promise<Member> {
    return this._request('POST', `${doc(id)}/share/redeem`, { token });
  }

  private async _request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = await this._token();
    if (token) {
      headers['Authorization'] = `Bearer ${token}`;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    let response: Response;
    try {
      response = await fetch(path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    } catch (error) {
      throw new HttpError(0, `${method} ${path} failed: ${(error as Error).message}`);
    }
    if (!response.ok) {
      let detail = '';
      try {
        const problem = (await response.json()) as { detail?: string; title?: string };
        detail = problem.detail ?? problem.title ?? '';
      } catch {
        // no problem details
      }
      throw new HttpError(response.status, `${method} ${path}: ${response.status}${detail ? ` — ${detail}` : ''}`);
    }
    return (response.status === 204 ? undefined : await response.json()) as T;
  }
}

function doc(id: string): string {
  return `/api/documents/${encodeURIComponent(id)}`;
}
