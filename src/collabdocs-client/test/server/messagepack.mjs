// Against a real server (COLLABDOCS_URL, Development for tokens), with the installed @collabdocs/client and
// @microsoft/signalr-protocol-msgpack: a MessagePack client and a JSON client on one document see each other's
// edits (with a surrogate pair) and selections, and the MessagePack client's edits are committed once.
// Exits non-zero on failure.
import { CollabClient, DocumentsApi, TextOperation, requestDevToken } from '@collabdocs/client';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';

const server = process.env.COLLABDOCS_URL ?? 'http://localhost:5000';
const { token } = await requestDevToken('MessagePack check', server);
const api = new DocumentsApi({ baseUrl: server, accessTokenFactory: () => token });
const documentId = `msgpack-${Date.now()}`;
await api.create({ id: documentId, text: 'start\n' });
const connect = (hubProtocol) =>
  new CollabClient({ url: `${server}/hubs/docs`, accessTokenFactory: () => token, ...(hubProtocol ? { hubProtocol } : {}) });
const packed = connect(new MessagePackHubProtocol());
const json = connect(undefined);
const packedDoc = await packed.open(documentId);
const jsonDoc = await json.open(documentId);
const waitFor = (doc, event, test) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${event}`)), 15_000);
    const check = (value) => {
      if (test(value)) {
        clearTimeout(timer);
        resolve(value);
      }
    };
    doc.on(event, check);
  });

const seenByJson = waitFor(jsonDoc, 'change', () => jsonDoc.text === 'start\nfrom msgpack \u{1F600}');
packedDoc.applyLocal(TextOperation.splice(packedDoc.text.length, packedDoc.text.length, packedDoc.text.length, 'from msgpack \u{1F600}'));
await packedDoc.whenSynchronized();
await seenByJson;

const seenByPacked = waitFor(packedDoc, 'change', () => packedDoc.text === 'START\nfrom msgpack \u{1F600}');
jsonDoc.applyLocal(TextOperation.splice(jsonDoc.text.length, 0, 5, 'START'));
await jsonDoc.whenSynchronized();
await seenByPacked;

const selection = waitFor(jsonDoc, 'presence', (users) => users.some((u) => u.ranges.some((r) => r.anchor === 2 && r.head === 4)));
packedDoc.setSelection([{ anchor: 2, head: 4 }]);
await selection;

await packed.stop();
await json.stop();
const revision = (await api.list()).find((d) => d.id === documentId)?.revision ?? 0;
const { text } = await api.text(documentId, revision);
const ok = revision === 2 && text === 'START\nfrom msgpack \u{1F600}';
console.log(JSON.stringify({ ok, revision, text }));
process.exit(ok ? 0 : 1);
