// The demo in Debian's Chromium through nginx (deploy/nginx.conf as shipped) in front of a cluster of server
// nodes: two people sign in by name, one creates a document and lets the other edit it, both type at once,
// and both end with the server's text. Run by tests/CollabDocs.Cluster.Tests (BrowserThroughNginx…), which
// starts the cluster; alone: `node web-demo/e2e/cluster/through-nginx.mjs http://127.0.0.1:55180`.
// Prints one JSON line with what it saw; exits 1 on a failure.
import { launchUser, waitFor } from '../lib.mjs';

const [url] = process.argv.slice(2);
if (!url) {
  console.error('usage: node through-nginx.mjs <nginx url>');
  process.exit(2);
}

const typing = { ada: 'ada-types-lower-case-😀-', grace: 'GRACE_TYPES_42_ÄÖÜ_' };

async function signIn(user, name) {
  await user.page.goto(`${url}/#/signin`);
  await user.page.fill('#name', name);
  await user.page.click('form button[type=submit]');
  await user.page.waitForSelector('.home');
  return user.page.evaluate(() => JSON.parse(localStorage.getItem('collabdocs.identity')));
}

async function api(token, method, path, body) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

async function open(user, id) {
  await user.page.goto(`${url}/#/d/${id}`);
  await waitFor(() => user.page.evaluate((docId) => window.collabdocs?.doc.id === docId && window.collabdocs.doc.status === 'live', id), `${id} open and live`, 45_000);
}

function editorState(user) {
  return user.page.evaluate(() => {
    const { doc, view } = window.collabdocs;
    return { editor: view.state.doc.toString(), revision: doc.revision, state: doc.state, status: doc.status };
  });
}

const ada = await launchUser();
const grace = await launchUser();
let exitCode = 0;
try {
  const adaIdentity = await signIn(ada, 'Ada Lovelace');
  const graceIdentity = await signIn(grace, 'Grace Hopper');
  const id = `through-nginx-${Date.now().toString(36)}`;
  await api(adaIdentity.token, 'POST', '/api/documents', { id, text: 'Typed through nginx:\n' });
  await api(adaIdentity.token, 'PUT', `/api/documents/${id}/members/${encodeURIComponent(graceIdentity.userId)}`, { role: 'editor' });
  await open(ada, id);
  await open(grace, id);

  for (const user of [ada, grace]) {
    await user.page.click('.cm-content');
    await user.page.keyboard.press('Control+End');
  }
  await Promise.all([ada.page.keyboard.type(typing.ada, { delay: 15 }), grace.page.keyboard.type(typing.grace, { delay: 11 })]);

  let last;
  await waitFor(
    async () => {
      const head = await api(adaIdentity.token, 'GET', `/api/documents/${id}`);
      const states = await Promise.all([ada, grace].map(editorState));
      last = { head, states };
      return states.every((s) => s.state === 'synchronized' && s.status === 'live' && s.revision === head.revision && s.editor === head.text);
    },
    () => `both synchronized with the server (${JSON.stringify(last)})`,
    60_000,
    200,
  );
  const errors = [...ada.consoleErrors, ...grace.consoleErrors];
  console.log(JSON.stringify({ documentId: id, revision: last.head.revision, text: last.head.text, typed: typing, consoleErrors: errors }));
} catch (error) {
  console.error(error?.stack ?? String(error));
  exitCode = 1;
} finally {
  await ada.close();
  await grace.close();
}
process.exit(exitCode);
