import type { RemotePresence } from '@collabdocs/client';
import { h, initials } from '../dom';
import { rememberName } from '../names';

/** How long someone who went quiet stays in the list as "away". */
const awayShownMs = 10 * 60_000;

interface Away {
  name: string;
  color: string;
  since: number;
}

/**
 * The people in a document: the user, everyone present, and who went away. A user is "away" once the server
 * has dropped all of their connections: they closed the page, lost the network (the server notices within
 * its client timeout, CollabDocs:Hub:ClientTimeoutInterval, 15 s for `dotnet run`) or stayed silent past the
 * presence timeout.
 */
export class PeopleList {
  readonly element = h('div', { class: 'presence-list', id: 'presence', 'aria-label': 'People in this document' });
  private readonly _away = new Map<string, Away>();
  private _present = new Map<string, RemotePresence>();

  constructor(private readonly _self: string) {}

  update(presence: readonly RemotePresence[]): void {
    const now = Date.now();
    const next = new Map<string, RemotePresence>();
    for (const p of presence) {
      next.set(p.userId || p.sessionId, p);
      rememberName(p.userId, p.name);
    }
    for (const [userId, p] of this._present) {
      if (!next.has(userId)) {
        this._away.set(userId, { name: p.name, color: p.color, since: now });
      }
    }
    for (const userId of next.keys()) {
      this._away.delete(userId);
    }
    for (const [userId, away] of this._away) {
      if (now - away.since > awayShownMs) {
        this._away.delete(userId);
      }
    }
    this._present = next;
    this._render();
  }

  private _render(): void {
    const me = h('span', { class: 'avatar self', title: `${this._self} (you)`, 'data-name': this._self }, initials(this._self));
    const here = [...this._present.values()].map((p) =>
      h('span', { class: 'avatar', style: `--user-color: ${p.color}`, title: p.name, 'data-session': p.sessionId, 'data-name': p.name }, initials(p.name)),
    );
    const away = [...this._away.values()].map((a) =>
      h('span', { class: 'avatar away', style: `--user-color: ${a.color}`, title: `${a.name} — away`, 'data-name': a.name, 'data-away': true }, initials(a.name)),
    );
    const count = here.length === 0 ? 'Only you' : `${here.length + 1} here`;
    const awayText = away.length === 0 ? null : h('span', { class: 'presence-away' }, `${away.length} away`);
    this.element.replaceChildren(h('span', { class: 'avatars' }, me, ...here, ...away), h('span', { class: 'presence-count' }, count));
    if (awayText !== null) {
      this.element.append(awayText);
    }
  }
}
