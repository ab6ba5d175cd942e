// End-to-end: link sharing, history (who, when, restore) and connection status, in Debian's Chromium
// against a real CollabDocs server on 127.0.0.1. Run with `npm run e2e` after building the server.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchUser, screenshotDir, startServer, waitFor } from './lib.mjs';

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
/** @type {Awaited<ReturnType<typeof launchUser>>} */
let ada;
/** @type {Awaited<ReturnType<typeof launchUser>>} */
let grace;
let adaIdentity;

async function signIn(user, name) {
  await user.page.goto(`${server.url}/#/signin`);
  await user.page.fill('#name', name);
  await user.page.click('form button[type=submit]');
  await user.page.waitForSelector('.home');
  return user.page.evaluate(() => JSON.parse(localStorage.getItem('collabdocs.identity')));
}

function isLive(user, id) {
  return user.page.evaluate((docId) => window.collabdocs?.doc.id === docId && window.collabdocs.doc.status === 'live', id);
}

async function openDocument(user, id) {
  await user.page.goto(`${server.url}/#/d/${id}`);
  await waitFor(() => isLive(user, id), `${id} open and live`, 45_000);
}

async function createThroughForm(user, id, text, title = '') {
  await user.page.goto(`${server.url}/#/`);
  await user.page.fill('#new-title', title);
  await user.page.fill('#new-id', id);
  await user.page.fill('#new-text', text);
  await user.page.click('.create-form button[type=submit]');
  await waitFor(() => isLive(user, id), `${id} created and open`, 45_000);
}

/** Opens the Share popover, creates an "anyone with the link" link with `role` and returns its address. */
async function createLink(user, role) {
  await user.page.click('#share');
  await user.page.selectOption('#link-role', role);
  await user.page.click('#create-link');
  const url = await waitFor(() => user.page.inputValue('#share-url'), 'the share link', 30_000);
  return url;
}

function state(user) {
  return user.page.evaluate(() => {
    const { doc, view } = window.collabdocs;
    return { editor: view.state.doc.toString(), text: doc.text, revision: doc.revision, state: doc.state, status: doc.status, role: doc.role };
  });
}

async function serverText(id) {
  const response = await fetch(`${server.url}/api/documents/${id}`, { headers: { Authorization: `Bearer ${adaIdentity.token}` } });
  assert.equal(response.status, 200);
  return response.json();
}

/** Waits until every user is synchronized at the server's revision with the server's text; returns it. */
async function converged(users, id, timeoutMs = 60_000) {
  let last;
  await waitFor(
    async () => {
      const head = await serverText(id);
      const states = await Promise.all(users.map(state));
      last = { head, states };
      return states.every((s) => s.state === 'synchronized' && s.status === 'live' && s.revision === head.revision && s.editor === head.text && s.text === head.text);
    },
    () => `everyone synchronized with the server (${JSON.stringify(last)})`,
    timeoutMs,
    200,
  );
  return last.head.text;
}

function caretAt(user, position) {
  return user.page.evaluate((pos) => {
    const { view } = window.collabdocs;
    view.focus();
    view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
  }, position);
}

describe('sharing, history and status in a real browser', { timeout: 300_000 }, () => {
  before(async () => {
    server = await startServer();
    ada = await launchUser();
    grace = await launchUser();
    adaIdentity = await signIn(ada, 'Ada Lovelace');
  });

  after(async () => {
    await ada?.close();
    await grace?.close();
    await server?.stop();
  });

  // promise: security.redeem-under-own-identity
  // promise: security.link-revocation-revokes-grants
  it('a second browser opens an edit link and can edit, and a view link and can only watch (screenshot: sharing)', { timeout: 120_000 }, async () => {
    await createThroughForm(ada, 'plan', 'Plan\n', 'Launch plan');
    const editLink = await createLink(ada, 'editor');
    assert.match(editLink, /#\/d\/plan\?link=/);

    // Grace has never been here: the link asks her name first, then opens the document as her.
    await grace.page.goto(editLink);
    await grace.page.waitForSelector('#name');
    await grace.page.fill('#name', 'Grace Hopper');
    await grace.page.click('form button[type=submit]');
    await waitFor(() => isLive(grace, 'plan'), 'Grace in the document through the edit link', 45_000);
    assert.equal((await state(grace)).role, 'editor');
    assert.equal(await grace.page.evaluate(() => location.hash), '#/d/plan', 'the token leaves the address bar');
    // The title comes from its own API call, which may answer after the hub's join.
    await waitFor(async () => (await grace.page.inputValue('#doc-title')) === 'Launch plan', () => 'the title "Launch plan" shown to Grace', 15_000);
    await caretAt(grace, 'Plan\n'.length);
    await grace.page.keyboard.type('- Grace was here\n', { delay: 10 });
    const text = await converged([ada, grace], 'plan');
    assert.equal(text, 'Plan\n- Grace was here\n');
    await waitFor(() => ada.page.locator('#presence [data-name="Grace Hopper"]').count(), 'Grace in Ada’s presence list');
    await ada.page.screenshot({ path: join(screenshotDir(), 'demo-sharing.png') });
    await ada.page.keyboard.press('Escape');

    await createThroughForm(ada, 'minutes', 'Minutes\n', 'Board minutes');
    const viewLink = await createLink(ada, 'viewer');
    await ada.page.keyboard.press('Escape');
    await grace.page.goto(viewLink);
    await waitFor(() => isLive(grace, 'minutes'), 'Grace in the document through the view link', 45_000);
    assert.equal((await state(grace)).role, 'viewer');
    assert.equal(await grace.page.getAttribute('#live-editor .cm-content', 'contenteditable'), 'false');
    assert.match(await grace.page.textContent('#banner'), /can read this document but not edit it/);
    await grace.page.click('#live-editor .cm-content');
    await grace.page.keyboard.type('nope', { delay: 5 });
    await caretAt(ada, 'Minutes\n'.length);
    await ada.page.keyboard.type('1. Approved\n', { delay: 10 });
    assert.equal(await converged([ada, grace], 'minutes'), 'Minutes\n1. Approved\n', 'Grace watches, and her typing goes nowhere');

    // Home page: "Shared with me" lists both, with her role; "Mine" is empty.
    await grace.page.goto(`${server.url}/#/`);
    await grace.page.click('[data-filter="shared"]');
    await waitFor(async () => (await grace.page.locator('.doc-link').count()) === 2, 'two documents shared with Grace');
    const shared = await grace.page.textContent('.doc-list');
    assert.ok(shared.includes('Launch plan') && shared.includes('Board minutes') && shared.includes('can edit') && shared.includes('can view'), shared);
    await grace.page.click('[data-filter="mine"]');
    await waitFor(() => grace.page.locator('.empty').count(), 'nothing of Grace’s own');

    // Ada turns the view link off: Grace loses access, and the link no longer opens the document.
    await openDocument(grace, 'minutes');
    await ada.page.click('#share');
    await ada.page.locator('#share-links [data-link]').first().click();
    await waitFor(async () => /no longer have access/.test(await grace.page.textContent('#banner')), 'Grace told she lost access');
    await grace.page.goto(viewLink);
    await grace.page.waitForSelector('#link-invalid');
    await ada.page.keyboard.press('Escape');
  });

  it('restoring an old revision while another user types keeps the other user’s later edits, and can be undone (screenshot: history)', { timeout: 120_000 }, async () => {
    const initial = 'Release checklist\n- Update the changelog\n- Tag the release\n- Announce it\n';
    const adaChange = "- Ada's change: ship on Friday\n";
    await createThroughForm(ada, 'restore', initial, 'Release checklist');
    const link = await createLink(ada, 'editor');
    await ada.page.keyboard.press('Escape');
    await grace.page.goto(link);
    await waitFor(() => isLive(grace, 'restore'), 'Grace in the document', 45_000);
    await caretAt(ada, initial.length);
    await ada.page.keyboard.type(adaChange, { delay: 10 });
    await converged([ada, grace], 'restore');

    // Revision 1 is Ada's: the slider says who and when.
    await ada.page.locator('#history').fill('1');
    await waitFor(async () => /^by Ada Lovelace · /.test(await ada.page.textContent('#history-author')), 'the author of revision 1');
    await ada.page.waitForSelector('#restore:not([hidden])');
    await ada.page.screenshot({ path: join(screenshotDir(), 'demo-history.png') });

    // Grace types at the start while Ada restores revision 0. Grace's characters are digits and '#', which
    // the document has none of, so her edits can be told apart from the restored text.
    const typed = '1234567890#1234567890#1234567890#';
    const graceOnly = (text) => [...text].filter((c) => /[0-9#@]/.test(c)).join('');
    const withoutGrace = (text) => [...text].filter((c) => !/[0-9#@]/.test(c)).join('');
    await caretAt(grace, 0);
    const typing = grace.page.keyboard.type(typed, { delay: 60 });
    await waitFor(() => ada.page.evaluate(() => window.collabdocs.doc.text.startsWith('12345')), 'Grace’s first characters at Ada', 10_000, 20);
    await ada.page.locator('#history').fill('0');
    await ada.page.waitForSelector('#restore:not([hidden])');
    await ada.page.click('#restore');
    await typing;
    await waitFor(() => grace.page.evaluate(() => !window.collabdocs.doc.text.includes("Ada's change")), 'the restore reaches Grace');
    await grace.page.keyboard.type('@@@', { delay: 10 });

    const text = await converged([ada, grace], 'restore');
    assert.equal(withoutGrace(text), initial, `the restored text, plus only Grace's edits: ${JSON.stringify(text)}`);
    const kept = graceOnly(text);
    assert.ok(kept.endsWith('@@@') && `${typed}@@@`.endsWith(kept), `Grace's later edits are kept, in order: ${JSON.stringify(kept)}`);
    assert.ok(kept.length < typed.length + 3, 'her edits from before the restore are gone with the rest of that revision');

    // One new operation, made in Ada's editor: her undo takes it back, for everyone.
    await ada.page.evaluate(() => window.collabdocs.view.focus());
    await ada.page.keyboard.press('Control+z');
    const undone = await converged([ada, grace], 'restore');
    assert.equal(withoutGrace(undone), `${initial}${adaChange}`, `undo brings the text before the restore back: ${JSON.stringify(undone)}`);
    const graceAfterUndo = graceOnly(undone);
    assert.ok(graceAfterUndo.includes(kept), `and keeps Grace's later edits: ${JSON.stringify(undone)}`);
    assert.equal(graceAfterUndo.length, typed.length + 3, 'and brings back what the restore removed of hers: all she typed, once');
  });

  it('shows Offline within 3 s of losing the network, and the other user sees "away" within 20 s', { timeout: 90_000 }, async () => {
    await openDocument(ada, 'restore');
    await openDocument(grace, 'restore');
    await waitFor(() => ada.page.locator('#presence [data-name="Grace Hopper"]:not([data-away])').count(), 'Grace present at Ada');

    const start = Date.now();
    await grace.context.setOffline(true);
    await waitFor(async () => (await grace.page.getAttribute('#connection', 'data-state')) === 'disconnected', 'Offline at Grace', 3_000, 50);
    assert.match(await grace.page.textContent('#sync'), /^Offline/);
    const offlineShown = Date.now() - start;
    await waitFor(() => ada.page.locator('#presence [data-name="Grace Hopper"][data-away]').count(), 'Grace away at Ada', 20_000 - (Date.now() - start), 200);
    const awayShown = Date.now() - start;
    console.log(`offline shown after ${offlineShown} ms, away after ${awayShown} ms`);

    await grace.context.setOffline(false);
    await waitFor(() => isLive(grace, 'restore'), 'Grace back', 60_000, 250);
    await waitFor(() => ada.page.locator('#presence [data-name="Grace Hopper"]:not([data-away])').count(), 'Grace present again at Ada', 30_000);
  });
});
