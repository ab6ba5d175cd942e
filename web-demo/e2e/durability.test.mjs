// End-to-end: edits survive reloads, closed tabs and lost history (durable pending edits in IndexedDB),
// in Debian's Chromium against a real CollabDocs server on 127.0.0.1. Seeded: the seed is printed on failure.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchUser, sleep, startServer, waitFor } from './lib.mjs';

const SEED = Number(process.env.COLLABDOCS_E2E_SEED ?? Date.now() % 1_000_000);

/** mulberry32: a small seeded generator. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function signIn(server, user, name) {
  await user.page.goto(`${server.url}/#/signin`);
  await user.page.fill('#name', name);
  await user.page.click('form button[type=submit]');
  await user.page.waitForSelector('.home');
  return user.page.evaluate(() => JSON.parse(localStorage.getItem('collabdocs.identity')));
}

function isLive(page, id) {
  return page.evaluate((docId) => window.collabdocs?.doc.id === docId && window.collabdocs.doc.status === 'live', id);
}

async function open(server, page, id) {
  await page.goto(`${server.url}/#/d/${id}`);
  await waitFor(() => isLive(page, id), `${id} open and live`, 45_000);
}

async function createDocument(server, token, id, text = '') {
  const response = await fetch(`${server.url}/api/documents`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ id, text }),
  });
  assert.equal(response.status, 201);
}

async function grant(server, token, id, userId) {
  const response = await fetch(`${server.url}/api/documents/${id}/members/${encodeURIComponent(userId)}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ role: 'editor' }),
  });
  assert.ok(response.ok);
}

async function serverText(server, token, id) {
  const response = await fetch(`${server.url}/api/documents/${id}`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200);
  return response.json();
}

/** Waits until the pages are synchronized with the server and show its text; returns that text. */
async function converged(server, token, pages, id, timeoutMs = 60_000) {
  let last;
  await waitFor(
    async () => {
      const head = await serverText(server, token, id);
      const states = await Promise.all(
        pages.map((page) =>
          page.evaluate(() => {
            const { doc, view } = window.collabdocs ?? {};
            return doc ? { editor: view.state.doc.toString(), revision: doc.revision, state: doc.state, status: doc.status } : null;
          }),
        ),
      );
      last = { head, states };
      return states.every((s) => s && s.state === 'synchronized' && s.status === 'live' && s.revision === head.revision && s.editor === head.text);
    },
    () => `everyone synchronized with the server (${JSON.stringify(last)})`,
    timeoutMs,
    200,
  );
  return last.head.text;
}

function count(haystack, needle) {
  return haystack.split(needle).length - 1;
}

describe(`durable edits in a real browser (seed ${SEED})`, { timeout: 420_000 }, () => {
  let server;
  let ada;
  let grace;
  let adaIdentity;
  let graceIdentity;

  before(async () => {
    server = await startServer();
    ada = await launchUser();
    grace = await launchUser();
    adaIdentity = await signIn(server, ada, 'Ada Lovelace');
    graceIdentity = await signIn(server, grace, 'Grace Hopper');
  });

  after(async () => {
    await ada?.close();
    await grace?.close();
    await server?.stop();
  });

  // promise: protocol.reference-client-survives-reload
  it('20 reloads at random moments while typing at full speed: nothing lost, nothing doubled', { timeout: 300_000 }, async (t) => {
    const random = rng(SEED);
    t.diagnostic(`seed ${SEED}`);
    await createDocument(server, adaIdentity.token, 'reloads');
    await open(server, ada.page, 'reloads');
    let prompts = 0;
    ada.page.on('dialog', (dialog) => {
      prompts++;
      void dialog.accept();
    });
    let expected = '';
    let chunk = 0;
    try {
      for (let reload = 0; reload < 20; reload++) {
        await ada.page.evaluate(() => {
          const { view } = window.collabdocs;
          view.focus();
          view.dispatch({ selection: { anchor: view.state.doc.length } });
        });
        // A few chunks at full speed, then a reload at once or after up to 300 ms: the reload finds
        // edits not yet sent, sent but not acknowledged, or acknowledged.
        const chunks = 1 + Math.floor(random() * 4);
        for (let c = 0; c < chunks; c++) {
          const text = `<${++chunk}:${'x'.repeat(Math.floor(random() * 30))}>`;
          await ada.page.keyboard.type(text, { delay: 0 });
          expected += text;
        }
        const wait = random() < 0.5 ? 0 : Math.floor(random() * 300);
        if (wait > 0) {
          await sleep(wait);
        }
        await ada.page.reload();
        await waitFor(() => isLive(ada.page, 'reloads'), `live after reload ${reload + 1}`, 45_000);
        const shown = await ada.page.evaluate(() => window.collabdocs.view.state.doc.toString());
        assert.equal(shown, expected, `after reload ${reload + 1} the editor shows every keystroke once`);
      }
      const text = await converged(server, adaIdentity.token, [ada.page], 'reloads');
      assert.equal(text, expected, 'the server has every keystroke once, in order');
      t.diagnostic(`${chunk} chunks, ${expected.length} characters, ${prompts} beforeunload prompt(s) accepted`);
    } catch (error) {
      error.message = `[seed ${SEED}] ${error.message}`;
      throw error;
    }
  });

  it('offline for 60 s while typing, tab closed, reopened online: every edit arrives once and the other user sees it', { timeout: 240_000 }, async () => {
    await createDocument(server, adaIdentity.token, 'offline-tab', 'Notes\n');
    await grant(server, adaIdentity.token, 'offline-tab', graceIdentity.userId);
    await open(server, ada.page, 'offline-tab');
    let page = await grace.context.newPage();
    await open(server, page, 'offline-tab');
    await page.evaluate(() => {
      const { view } = window.collabdocs;
      view.focus();
      view.dispatch({ selection: { anchor: view.state.doc.length } });
    });

    await grace.context.setOffline(true);
    const start = Date.now();
    const typed = [];
    for (let i = 1; Date.now() - start < 60_000; i++) {
      const line = `offline line ${i}\n`;
      await page.keyboard.type(line, { delay: 10 });
      typed.push(line);
      await sleep(4_000);
    }
    assert.equal(await page.evaluate(() => window.collabdocs.doc.hasUnsavedEdits), false, 'the edits are stored: closing cannot lose them');
    await page.close();
    await grace.context.setOffline(false);

    page = await grace.context.newPage();
    await open(server, page, 'offline-tab');
    const text = await converged(server, adaIdentity.token, [ada.page, page], 'offline-tab', 90_000);
    assert.equal(text, `Notes\n${typed.join('')}`);
    for (const line of typed) {
      assert.equal(count(text, line), 1, `${JSON.stringify(line)} exactly once`);
    }
    await page.close();
  });
});

describe(`edits kept offline across a compaction (seed ${SEED})`, { timeout: 240_000 }, () => {
  let server;
  let ada;
  let grace;
  let adaIdentity;
  let graceIdentity;

  before(async () => {
    // A tiny retention: 4 revisions of log, a snapshot every 2, so the log below head - 4 is compacted away
    // moments after each commit (the background maintenance pass).
    server = await startServer({ env: { CollabDocs__Storage__RetainRevisions: '4', CollabDocs__Storage__SnapshotInterval: '2', CollabDocs__Storage__SnapshotsKept: '1' } });
    ada = await launchUser();
    grace = await launchUser();
    adaIdentity = await signIn(server, ada, 'Ada Lovelace');
    graceIdentity = await signIn(server, grace, 'Grace Hopper');
  });

  after(async () => {
    await ada?.close();
    await grace?.close();
    await server?.stop();
  });

  it('rebase after history loss: edits stored offline across a compaction of the log still arrive', { timeout: 180_000 }, async () => {
    await createDocument(server, adaIdentity.token, 'rebase', 'Title\nBody\n');
    await grant(server, adaIdentity.token, 'rebase', graceIdentity.userId);
    await open(server, ada.page, 'rebase');
    let page = await grace.context.newPage();
    await open(server, page, 'rebase');

    await grace.context.setOffline(true);
    await page.evaluate(() => {
      const { view } = window.collabdocs;
      view.focus();
      view.dispatch({ selection: { anchor: 'Title'.length } });
    });
    await page.keyboard.type(' (offline edit)', { delay: 10 });
    const offlineClient = await page.evaluate(() => window.collabdocs.context.client.clientId);
    await page.close();

    // Ada moves the document 12 revisions on; the server keeps 4 revisions of log: compaction cuts revision 0 away.
    for (let i = 0; i < 12; i++) {
      await ada.page.evaluate((n) => {
        const { view } = window.collabdocs;
        view.dispatch({ changes: { from: view.state.doc.length, insert: `ada ${n}\n` } });
      }, i);
      await waitFor(() => ada.page.evaluate(() => window.collabdocs.doc.state === 'synchronized'), `Ada's edit ${i} acknowledged`);
    }

    await waitFor(async () => (await fetch(`${server.url}/api/documents/rebase/text?revision=0`, { headers: { Authorization: `Bearer ${adaIdentity.token}` } })).status === 410, 'revision 0 compacted away (410)', 30_000);

    await grace.context.setOffline(false);
    page = await grace.context.newPage();
    await open(server, page, 'rebase');
    const text = await converged(server, adaIdentity.token, [ada.page, page], 'rebase', 90_000);
    assert.equal(count(text, ' (offline edit)'), 1, `the offline edit arrived once: ${JSON.stringify(text)}`);
    assert.ok(text.startsWith('Title (offline edit)\nBody\n'), JSON.stringify(text));
    for (let i = 0; i < 12; i++) {
      assert.equal(count(text, `ada ${i}\n`), 1);
    }
    // The stored operation (base revision 0, below the compacted log) was refused as too old and never
    // committed; the reopened page's client merged it three-way and submitted it as its own new operation.
    const reopenedClient = await page.evaluate(() => window.collabdocs.context.client.clientId);
    const operations = await fetch(`${server.url}/api/documents/rebase/operations?from=12`, { headers: { Authorization: `Bearer ${adaIdentity.token}` } }).then((r) => r.json());
    const carrier = operations.filter((o) => JSON.stringify(o.operation).includes('(offline edit)'));
    assert.equal(carrier.length, 1, JSON.stringify(operations));
    assert.ok(carrier[0].revision > 12, 'committed after Ada\'s edits');
    assert.notEqual(carrier[0].clientId, offlineClient, 'not the stored operation itself: it was too old');
    assert.equal(carrier[0].clientId, reopenedClient, 'a new operation of the reopened page (the three-way rebase)');
    await page.close();
  });
});
