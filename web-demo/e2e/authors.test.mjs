// End-to-end: the editor's "Authors" toggle colours the text by who inserted it and follows live edits.
// Run with `npm run e2e` after `dotnet build src/CollabDocs.Server -c Release` (which builds the demo).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchUser, startServer, waitFor } from './lib.mjs';

const DOC = 'e2e-authors';
const INITIAL = 'Written by Ada.\n';

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
/** @type {Awaited<ReturnType<typeof launchUser>>} */
let ada;
/** @type {Awaited<ReturnType<typeof launchUser>>} */
let grace;

async function signIn(user, name) {
  await user.page.goto(`${server.url}/#/signin`);
  await user.page.fill('#name', name);
  await user.page.click('form button[type=submit]');
  await user.page.waitForSelector('.home');
  return user.page.evaluate(() => JSON.parse(localStorage.getItem('collabdocs.identity')));
}

async function openDocument(user, id) {
  await user.page.goto(`${server.url}/#/d/${id}`);
  await waitFor(() => user.page.evaluate((docId) => window.collabdocs?.doc.id === docId && window.collabdocs.doc.status === 'live', id), `${id} open and live`);
}

/** The coloured runs of the editor: [text, author id] in document order. */
function marks(user) {
  return user.page.evaluate(() => [...document.querySelectorAll('.author-mark')].map((e) => [e.textContent, e.getAttribute('data-author')]));
}

describe('the Authors toggle', { timeout: 120_000 }, () => {
  before(async () => {
    server = await startServer();
    ada = await launchUser();
    grace = await launchUser();
    const adaIdentity = await signIn(ada, 'Ada Lovelace');
    const graceIdentity = await signIn(grace, 'Grace Hopper');
    const headers = adaIdentity.token ? { Authorization: `Bearer ${adaIdentity.token}`, 'Content-Type': 'application/json' } : { 'Content-Type': 'application/json' };
    const created = await fetch(`${server.url}/api/documents`, { method: 'POST', headers, body: JSON.stringify({ id: DOC, text: INITIAL }) });
    assert.ok(created.ok, `creating ${DOC}: ${created.status}`);
    if (adaIdentity.token && graceIdentity.userId) {
      const granted = await fetch(`${server.url}/api/documents/${DOC}/members/${encodeURIComponent(graceIdentity.userId)}`, { method: 'PUT', headers, body: JSON.stringify({ role: 'editor' }) });
      assert.ok(granted.ok, `granting Grace the editor role: ${granted.status}`);
    }
    await openDocument(ada, DOC);
    await openDocument(grace, DOC);
  });

  after(async () => {
    await ada?.close();
    await grace?.close();
    await server?.stop();
  });

  it('colours each user’s text and follows what another user types', async () => {
    await ada.page.click('#show-authors');
    // A mark spans one line at most, so the text of a user's marks has no line breaks.
    await waitFor(async () => (await marks(ada)).map(([t]) => t).join('') === INITIAL.trimEnd(), "Ada's text coloured");
    const [[, adaId]] = await marks(ada);

    await grace.page.evaluate((at) => {
      const { view } = window.collabdocs;
      view.focus();
      view.dispatch({ selection: { anchor: at } });
    }, INITIAL.length);
    await grace.page.keyboard.type('Grace adds this.', { delay: 20 });

    const textOf = (runs, author) => runs.filter(([, id]) => (author === adaId) === (id === adaId)).map(([t]) => t).join('');
    await waitFor(async () => textOf(await marks(ada), 'other') === 'Grace adds this.', "Grace's text coloured as hers on Ada's page", 20_000);
    const runs = await marks(ada);
    assert.equal(textOf(runs, adaId), INITIAL.trimEnd());
    assert.equal(new Set(runs.map(([, id]) => id)).size, 2, 'two authors');

    await ada.page.click('#show-authors');
    await waitFor(async () => (await marks(ada)).length === 0, 'colours off');
  });
});
