/**
 * Display names of user ids, for the history ("who made this revision"). The server stores operations by
 * user id only; names come from presence (every user's name as their token says) and the signed-in user,
 * remembered in this browser so that people who have left are still named.
 */
const storageKey = 'collabdocs.names';
const maxNames = 500;

let names: Map<string, string> | null = null;

function load(): Map<string, string> {
  if (names !== null) {
    return names;
  }
  names = new Map();
  try {
    const raw = localStorage.getItem(storageKey);
    for (const [id, name] of Object.entries((raw ? JSON.parse(raw) : {}) as Record<string, unknown>)) {
      if (typeof name === 'string') {
        names.set(id, name);
      }
    }
  } catch {
    // a broken entry: start over
  }
  return names;
}

/** Remembers that `userId` is called `name`. */
export function rememberName(userId: string, name: string): void {
  if (!userId || !name) {
    return;
  }
  const all = load();
  if (all.get(userId) === name) {
    return;
  }
  all.delete(userId);
  all.set(userId, name);
  while (all.size > maxNames) {
    all.delete(all.keys().next().value as string);
  }
  try {
    localStorage.setItem(storageKey, JSON.stringify(Object.fromEntries(all)));
  } catch {
    // storage full or unavailable: names stay in memory
  }
}

/** The name to show for `userId`: a remembered one, else something readable made from the id. */
export function nameOf(userId: string | null | undefined): string {
  if (!userId) {
    return 'someone';
  }
  const known = load().get(userId);
  if (known !== undefined) {
    return known;
  }
  if (userId.startsWith('share:')) {
    return 'someone with the link';
  }
  if (userId.startsWith('anonymous:')) {
    return 'a guest';
  }
  return userId.replace(/^dev:/, '');
}
