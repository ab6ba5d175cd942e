// Against a real server (COLLABDOCS_URL, Development for tokens), with the installed @collabdocs/client:
// a client stops ("the page closes") right after local edits, at varying moments (before the Submit,
// while it is in flight, after the ack); a new client on the same pending-edits store opens the document,
// restores what was left and resubmits it. Every edit must arrive exactly once. Exits non-zero on failure.
import { CollabClient, DocumentsApi, MemoryPendingEditsStore, TextOperation, requestDevToken } from '@collabdocs/client';

const server = process.env.COLLABDOCS_URL ?? 'http://localhost:5000';
const rounds = Number(process.env.ROUNDS ?? 12);
const { token } = await requestDevToken('Restore check', server);
const api = new DocumentsApi({ baseUrl: server, accessTokenFactory: () => token });
const documentId = `restore-${Date.now()}`;
await api.create({ id: documentId, text: '' });
const store = new MemoryPendingEditsStore();
const open = async () => {
  const client = new CollabClient({ url: `${server}/hubs/docs`, accessTokenFactory: () => token, pendingStore: store });
  return { client, doc: await client.open(documentId) };
};

const expected = [];
let restored = 0;
for (let round = 0; round < rounds; round++) {
  const { client, doc } = await open();
  if (doc.restoredEdits) restored++;
  await doc.whenSynchronized();
  for (let i = 0; i < 3; i++) {
    const piece = `<${round}.${i}>`;
    expected.push(piece);
    doc.applyLocal(TextOperation.splice(doc.text.length, doc.text.length, doc.text.length, piece));
  }
  // Close at a different moment each round: at once, or after 1…15 ms (in flight or acknowledged).
  if (round % 4 !== 0) await new Promise((resolve) => setTimeout(resolve, round % 16));
  await client.stop();
}
const { client, doc } = await open();
if (doc.restoredEdits) restored++;
await doc.whenSynchronized();
await client.stop();
const { text } = await api.text(documentId, (await api.list()).find((d) => d.id === documentId)?.revision ?? 0);
const missing = expected.filter((piece) => !text.includes(piece));
const doubled = expected.filter((piece) => text.indexOf(piece) !== text.lastIndexOf(piece));
const ok = missing.length === 0 && doubled.length === 0 && text.length === expected.join('').length;
console.log(JSON.stringify({ ok, rounds, restored, missing, doubled, length: text.length }));
process.exit(ok ? 0 : 1);
