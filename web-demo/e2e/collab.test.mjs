// End-to-end: the demo in Debian's Chromium against a real CollabDocs server on 127.0.0.1.
// Run with `npm run e2e` after `dotnet build src/CollabDocs.Server -c Release` (which builds the demo).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchUser, screenshotDir, startServer, waitFor } from './lib.mjs';

const DOC = 'e2e-notes';
const INITIAL = 'Agenda\n1. Welcome\n2. Roadmap\n';
/** What Chromium logs when a server without authentication has no development token endpoint. */
const DEV_TOKEN_404 = 'Failed to load resource: the server responded with a status of 404 (Not Found)';

/** The console errors of a page, less the expected 404 of the token request on a server without authentication. */
function unexpectedErrors(user, identity) {
  return user.consoleErrors.filter((e) => identity.token || e !== DEV_TOKEN_404);
}

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
  await waitFor(
    () => user.page.evaluate((docId) => window.collabdocs?.doc.id === docId && window.collabdocs.doc.status === 'live', id),
    `${id} open and live`,
  );
}

/** The editor's text, the client's text, revision and states. */
function state(user) {
  return user.page.evaluate(() => {
    const { doc, view } = window.collabdocs;
    return { editor: view.state.doc.toString(), text: doc.text, revision: doc.revision, state: doc.state, status: doc.status };
  });
}

async function serverDocument(id, token) {
  const response = await fetch(`${server.url}/api/documents/${id}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  assert.equal(response.status, 200, `GET /api/documents/${id}`);
  return response.json();
}

/** Waits until every user is synchronized at the server's revision, then checks all texts are equal. */
async function expectConverged(users, token, timeoutMs = 60_000, id = DOC) {
  let last;
  await waitFor(
    async () => {
      const head = await serverDocument(id, token);
      const states = await Promise.all(users.map(state));
      last = { revision: head.revision, states: states.map((s) => [s.revision, s.state, s.status]) };
      return states.every((s) => s.state === 'synchronized' && s.status === 'live' && s.revision === head.revision);
    },
    () => `everyone synchronized at the server's revision (${JSON.stringify(last)})`,
    timeoutMs,
    200,
  );
  const head = await serverDocument(id, token);
  for (const user of users) {
    const s = await state(user);
    assert.equal(s.editor.length, head.text.length, 'editor text length equals the server');
    assert.ok(s.editor === head.text, 'editor text equals the server text');
    assert.ok(s.text === head.text, 'client text equals the server text');
  }
  return head.text;
}

/** Pastes `text` into the focused editor through a real paste event (CodeMirror's paste handler). */
function paste(user, text) {
  return user.page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    window.collabdocs.view.contentDOM.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

function count(haystack, needle) {
  return haystack.split(needle).length - 1;
}

/** The characters of `text` that belong to one typist's alphabet, in order. */
function only(text, pattern) {
  return [...text].filter((c) => pattern.test(c)).join('');
}

let adaIdentity;
let graceIdentity;

/** Ada (the owner) gives `identity` the editor role on `id` (servers with access control only). */
async function grant(id, identity) {
  if (!adaIdentity.token || !identity.userId) {
    return; // a server without authentication: everybody may edit
  }
  const response = await fetch(`${server.url}/api/documents/${id}/members/${encodeURIComponent(identity.userId)}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${adaIdentity.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ role: 'editor' }),
  });
  assert.ok(response.ok, `granting ${identity.name} the editor role on ${id}: ${response.status}`);
}

/** Creates a document through the home page's form; the app then opens it. */
async function createThroughForm(user, id, text) {
  await user.page.goto(`${server.url}/#/`);
  await user.page.fill('#new-id', id);
  await user.page.fill('#new-text', text);
  await user.page.click('.create-form button[type=submit]');
  await waitFor(() => user.page.evaluate((docId) => window.collabdocs?.doc.id === docId && window.collabdocs.doc.status === 'live', id), `${id} created and open`);
}

/** Puts the user's selection on `from`..`to` (a caret when `to` is omitted), as a click or drag would. */
function select(user, from, to = from) {
  return user.page.evaluate(
    ([anchor, head]) => {
      const { view } = window.collabdocs;
      view.focus();
      view.dispatch({ selection: { anchor, head }, scrollIntoView: true });
    },
    [from, to],
  );
}

const TEAM_NOTES = `Team notes — Thursday

Agenda
1. Welcome and introductions
2. Roadmap for the next release
3. Demo of the collaborative editor ✍️
4. Questions

Decisions
- Ship the browser demo with presence 🎉
- Operations are exactly-once (clientId + seq)
`;

describe('CollabDocs demo in a real browser', { timeout: 240_000 }, () => {
  before(async () => {
    server = await startServer();
    ada = await launchUser();
    grace = await launchUser();
    adaIdentity = await signIn(ada, 'Ada Lovelace');
    graceIdentity = await signIn(grace, 'Grace Hopper');

    // Ada creates the document through the form and lets Grace edit it.
    await createThroughForm(ada, DOC, INITIAL);
    await grant(DOC, graceIdentity);
    await openDocument(grace, DOC);
  });

  after(async () => {
    await ada?.close();
    await grace?.close();
    await server?.stop();
  });

  it('screenshots: two users on a desktop and a phone see each other', { timeout: 90_000 }, async () => {
    await createThroughForm(ada, 'team-notes', TEAM_NOTES);
    await grant('team-notes', graceIdentity);
    await openDocument(grace, 'team-notes');
    const phone = await launchUser({ viewport: { width: 390, height: 760 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    try {
      const alan = await signIn(phone, 'Alan Turing');
      await grant('team-notes', alan);
      await openDocument(phone, 'team-notes');

      const roadmap = TEAM_NOTES.indexOf('Roadmap for the next release');
      await select(grace, roadmap, roadmap + 'Roadmap for the next release'.length);
      const end = TEAM_NOTES.length;
      await select(ada, end);
      await ada.page.keyboard.type('- Next meeting in two weeks', { delay: 25 });
      const questions = TEAM_NOTES.indexOf('4. Questions') + '4. Questions'.length;
      await select(phone, questions);
      await phone.page.keyboard.type(' and answers', { delay: 25 });
      await select(grace, roadmap, roadmap + 'Roadmap for the next release'.length);

      await waitFor(() => ada.page.evaluate(() => document.querySelectorAll('.cm-remote-caret').length === 2), 'two remote carets on the desktop');
      await waitFor(() => phone.page.evaluate(() => document.querySelectorAll('.cm-remote-caret').length === 2), 'two remote carets on the phone');
      await waitFor(() => ada.page.evaluate(() => [...document.querySelectorAll('.cm-remote-selection')].map((e) => e.textContent).join('') === 'Roadmap for the next release'), "Grace's selection on the desktop");
      const { overflow, wide } = await phone.page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > width + 0.5)
          .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${[...e.classList].join('.')} (right ${Math.round(e.getBoundingClientRect().right)})`);
        return { overflow: document.documentElement.scrollWidth - width, wide };
      });
      assert.ok(overflow <= 0, `no horizontal scrolling on a phone (${overflow}px; past the right edge: ${wide.join(', ')})`);

      const text = await expectConverged([ada, grace, phone], adaIdentity.token, 30_000, 'team-notes');
      const screenshots = screenshotDir();
      await ada.page.screenshot({ path: join(screenshots, 'demo-two-users.png') });
      await phone.page.screenshot({ path: join(screenshots, 'demo-phone.png') });
      assert.ok(text.includes('4. Questions and answers'));
      assert.ok(text.endsWith('- Next meeting in two weeks'));
      assert.deepEqual(unexpectedErrors(phone, alan), [], 'no console errors on the phone');
    } finally {
      // The next tests start on the first document, whatever happened here.
      await phone.close();
      await openDocument(ada, DOC);
      await openDocument(grace, DOC);
    }
  });

  it('two users typing concurrently, with emoji and a 10,000-character paste, end with the server text', { timeout: 90_000 }, async () => {
    await ada.page.click('.cm-content');
    await ada.page.keyboard.press('Control+End');
    await grace.page.click('.cm-content');
    await grace.page.keyboard.press('Control+Home');

    // Distinct alphabets, so each typist's characters can be picked out of the result in order.
    const adaTyping = 'lower-case-words-😀-and-🎉-emoji';
    const graceTyping = 'UPPER_CASE_42_ÄÖÜ';
    await Promise.all([ada.page.keyboard.type(adaTyping, { delay: 12 }), grace.page.keyboard.type(graceTyping, { delay: 9 })]);

    // Now both at the very same place: the end (once each has the other's first round).
    await expectConverged([ada, grace], adaIdentity.token);
    await grace.page.keyboard.press('Control+End');
    await ada.page.keyboard.press('Control+End');
    await Promise.all([ada.page.keyboard.type('zzz😀zzz', { delay: 7 }), grace.page.keyboard.type('QQQ🙂QQQ', { delay: 5 })]);

    const block = 'Pasted line with an emoji 🧪 and some text.\n';
    let big = '<<PASTE>>\n';
    while (big.length + block.length <= 10_000 - '<</PASTE>>'.length) big += block;
    big = big.padEnd(10_000 - '<</PASTE>>'.length, '.') + '<</PASTE>>';
    assert.equal(big.length, 10_000);
    await paste(ada, big);
    await grace.page.keyboard.type('_AFTER_PASTE_', { delay: 5 });

    const text = await expectConverged([ada, grace], adaIdentity.token);
    assert.equal(count(text, '<<PASTE>>'), 1, 'the paste arrived once');
    assert.equal(count(text, '<</PASTE>>'), 1, 'the paste arrived whole');
    assert.ok(text.includes(big), 'the paste is intact');
    assert.equal(count(text, adaTyping), 1, `Ada's typing arrived once, in order: ${JSON.stringify(text.replace(big, '<big>'))}`);
    assert.equal(count(text, graceTyping), 1, "Grace's typing arrived once, in order");
    // At the same place the two may interleave, but each one's characters keep their order.
    assert.equal(only(text, /[z😀]/u), '😀zzz😀zzz');
    assert.equal(only(text, /[Q🙂]/u), 'QQQ🙂QQQ');
    assert.ok(text.startsWith(graceTyping), "Grace's typing is at the start");
    assert.ok(text.includes('_AFTER_PASTE_'));
  });

  it("shows the other user's cursor where it is, with their name", { timeout: 60_000 }, async () => {
    // Grace puts her caret after "Agenda" (searching the current text, wherever it moved).
    const { text } = await state(grace);
    const target = text.indexOf('Agenda') + 'Agenda'.length;
    assert.ok(target >= 'Agenda'.length);
    await grace.page.evaluate((pos) => {
      const { view } = window.collabdocs;
      view.focus();
      view.dispatch({ selection: { anchor: pos } });
    }, target);
    const graceSession = await grace.page.evaluate(() => window.collabdocs.doc.sessionId);
    // CodeMirror draws only what is in view: Ada scrolls back to the top, where Grace is.
    await ada.page.evaluate(() => window.collabdocs.view.dispatch({ selection: { anchor: 0 }, scrollIntoView: true }));

    const seenAt = await waitFor(
      () =>
        ada.page.evaluate((session) => {
          const caret = document.querySelector(`.cm-remote-caret[data-session="${session}"]`);
          return caret ? { pos: window.collabdocs.view.posAtDOM(caret), label: caret.textContent } : null;
        }, graceSession),
      "Grace's caret in Ada's editor",
    ).catch(async (error) => {
      const adaSees = await ada.page.evaluate(() => JSON.stringify(window.collabdocs.doc.presence));
      const graceState = await grace.page.evaluate(() => JSON.stringify([window.collabdocs.doc.state, window.collabdocs.doc.revision]));
      throw new Error(`${error.message}; Ada sees ${adaSees}; Grace ${graceSession} is ${graceState}; warnings ${JSON.stringify(grace.consoleWarnings)}`);
    });
    assert.equal(seenAt.pos, target, "Grace's caret is drawn at her position");
    if (graceIdentity.token) {
      assert.equal(seenAt.label, 'Grace Hopper');
      assert.ok(await ada.page.locator(`#presence [data-name="Grace Hopper"]`).count(), 'Grace is in the presence list');
    }

    // A selection shows as a highlighted range covering the same text.
    await grace.page.evaluate((pos) => window.collabdocs.view.dispatch({ selection: { anchor: pos - 'Agenda'.length, head: pos } }), target);
    await waitFor(
      () => ada.page.evaluate(() => [...document.querySelectorAll('.cm-remote-selection')].map((e) => e.textContent).join('') === 'Agenda'),
      "Grace's selection highlighted in Ada's editor",
    );

  });

  it('the history slider shows an old revision read-only, and returns to live editing', { timeout: 60_000 }, async () => {
    const expected = await fetch(`${server.url}/api/documents/${DOC}/text?revision=1`, {
      headers: adaIdentity.token ? { Authorization: `Bearer ${adaIdentity.token}` } : {},
    }).then((r) => r.json());
    await ada.page.locator('#history').fill('1');
    await waitFor(
      () => ada.page.evaluate(() => !document.querySelector('#history-editor').hidden && document.querySelector('#live-editor').hidden),
      'the history view',
    );
    const shown = await ada.page.evaluate(() => {
      const host = document.querySelector('#history-editor');
      return {
        text: [...host.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\n'),
        editable: host.querySelector('.cm-content').getAttribute('contenteditable'),
        label: document.querySelector('#history-label').textContent,
      };
    });
    assert.equal(shown.text, expected.text);
    assert.equal(shown.editable, 'false', 'history is read-only');
    assert.match(shown.label, /^Revision 1 of \d+$/);
    await ada.page.click('#back-to-live');
    await waitFor(() => ada.page.evaluate(() => !document.querySelector('#live-editor').hidden), 'live editor back');
    assert.equal(await ada.page.locator('#history-label').textContent(), 'Live');
  });

  it('has logged no console errors so far', () => {
    // Only a server without authentication answers 404 to the development token request.
    assert.deepEqual(unexpectedErrors(ada, adaIdentity), []);
    assert.deepEqual(unexpectedErrors(grace, graceIdentity), []);
  });

  it('loses nothing and duplicates nothing when one user types offline and comes back', { timeout: 120_000 }, async () => {
    const { text } = await state(grace);
    await grace.page.evaluate((pos) => {
      window.collabdocs.view.focus();
      window.collabdocs.view.dispatch({ selection: { anchor: pos } });
    }, text.indexOf('2. Roadmap') + '2. Roadmap'.length);
    await ada.page.evaluate(() => {
      window.collabdocs.view.focus();
      window.collabdocs.view.dispatch({ selection: { anchor: 0 } });
    });

    await grace.context.setOffline(true);
    await grace.page.keyboard.type(' [offline-1]', { delay: 15 });
    await ada.page.keyboard.type('[online-1] ', { delay: 15 });
    // Long enough for SignalR's server timeout (30 s): a real disconnect, reconnect and resend.
    await waitFor(() => grace.page.evaluate(() => window.collabdocs.doc.status !== 'live'), 'Grace notices she is offline', 45_000, 500);
    await grace.page.keyboard.type(' [offline-2]', { delay: 15 });
    await ada.page.keyboard.type('[online-2] ', { delay: 15 });
    await grace.context.setOffline(false);

    const result = await expectConverged([ada, grace], adaIdentity.token, 90_000);
    for (const marker of ['[offline-1]', '[offline-2]', '[online-1]', '[online-2]']) {
      assert.equal(count(result, marker), 1, `${marker} exactly once`);
    }
    assert.ok(result.includes('2. Roadmap [offline-1] [offline-2]'));
    assert.ok(result.startsWith('[online-1] [online-2] '));
  });
});
