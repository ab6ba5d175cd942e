// The HTTP calls of the interop test: development tokens, documents, the operation log.
async function json(response, what) {
  if (!response.ok) throw new Error(`${what}: ${response.status} ${await response.text()}`);
  return response.json();
}

export async function devToken(server, name) {
  const response = await fetch(`${server}/api/dev/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  return (await json(response, 'POST /api/dev/token')).token;
}

export function api(server, token) {
  const get = async (path) => json(await fetch(`${server}${path}`, { headers: { Authorization: `Bearer ${token}` } }), `GET ${path}`);
  return {
    async create(id, text) {
      const response = await fetch(`${server}/api/documents`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ id, text }),
      });
      return json(response, 'POST /api/documents');
    },
    /** `{ id, revision, text }`: the current state. */
    document: (id) => get(`/api/documents/${id}`),
    /** `{ id, revision, text }` at a revision. */
    textAt: (id, revision) => get(`/api/documents/${id}/text?revision=${revision}`),
    /** The whole log, paging (at most 1,000 per call) from revision 0. */
    async operations(id) {
      const all = [];
      for (;;) {
        const page = await get(`/api/documents/${id}/operations?from=${all.length}`);
        if (page.length === 0) return all;
        all.push(...page);
      }
    },
  };
}
