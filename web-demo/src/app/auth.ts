import { HttpError, requestDevToken } from '@collabdocs/client';

/** Who the user is in this browser: the name typed, and the token the server issued for it. */
export interface Identity {
  name: string;
  /** Empty when the server runs without authentication (no dev token endpoint). */
  token: string;
  userId: string;
  expiresAt: string;
}

const storageKey = 'collabdocs.identity';

export function loadIdentity(): Identity | null {
  try {
    const raw = localStorage.getItem(storageKey);
    if (raw === null) {
      return null;
    }
    const value = JSON.parse(raw) as Partial<Identity>;
    if (typeof value.name !== 'string' || value.name.trim() === '') {
      return null;
    }
    return { name: value.name, token: value.token ?? '', userId: value.userId ?? '', expiresAt: value.expiresAt ?? '' };
  } catch {
    return null;
  }
}

function save(identity: Identity): void {
  localStorage.setItem(storageKey, JSON.stringify(identity));
}

export function forgetIdentity(): void {
  localStorage.removeItem(storageKey);
}

/** Gets a development token for `name` (POST /api/dev/token) and remembers it. */
export async function signIn(name: string): Promise<Identity> {
  let identity: Identity;
  try {
    const token = await requestDevToken(name);
    identity = { name: token.name, token: token.token, userId: token.userId, expiresAt: token.expiresAt };
  } catch (error) {
    if (error instanceof HttpError && error.status === 404) {
      // No dev token endpoint: an anonymous server. Keep the name for display.
      identity = { name, token: '', userId: '', expiresAt: '' };
    } else {
      throw error;
    }
  }
  save(identity);
  return identity;
}

/** The current token, renewed a minute before it expires. */
export async function accessToken(): Promise<string> {
  const identity = loadIdentity();
  if (identity === null) {
    return '';
  }
  const expires = Date.parse(identity.expiresAt);
  if (identity.token !== '' && (Number.isNaN(expires) || expires - Date.now() > 60_000)) {
    return identity.token;
  }
  if (identity.token === '' && identity.expiresAt === '') {
    return '';
  }
  return (await signIn(identity.name)).token;
}
