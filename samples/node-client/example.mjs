// The README's integration example, runnable under plain Node 20 (tests/ci/npm-client.test.sh runs it
// against a real server from the packed @collabdocs/client).
//   COLLABDOCS_URL=http://localhost:5000 COLLABDOCS_DOCUMENT=notes node example.mjs
import { CollabClient, DocumentsApi, HttpError, TextOperation, requestDevToken } from '@collabdocs/client';

const server = process.env.COLLABDOCS_URL ?? 'http://localhost:5000';
const documentId = process.env.COLLABDOCS_DOCUMENT ?? 'notes';

// A development token (servers in Development); in your app, the token of your identity provider.
const { token } = await requestDevToken('Node example', server);
const getToken = () => token;

// Create the document unless it exists (409).
const api = new DocumentsApi({ baseUrl: server, accessTokenFactory: getToken });
try {
  await api.create({ id: documentId, text: '' });
} catch (error) {
  if (!(error instanceof HttpError && error.status === 409)) throw error;
}

const client = new CollabClient({ url: `${server}/hubs/docs`, accessTokenFactory: getToken });
const doc = await client.open(documentId);          // joined: doc.text, doc.revision, doc.role
let text = doc.text;                                // stands for your editor's content

doc.on('change', ({ operation }) => {               // others' edits, already transformed
  text = operation.apply(text);                     // apply them to your editor, synchronously
});
doc.on('presence', (users) => users.forEach((u) => console.log(`${u.name} at`, u.ranges)));
doc.on('state', (state) => console.log(state === 'synchronized' ? 'saved' : 'saving…'));

const edit = TextOperation.splice(text.length, 0, 0, 'Hello from Node! '); // a local edit: insert at 0
text = edit.apply(text);                            // your editor already shows it…
doc.applyLocal(edit);                               // …and the client sends it
doc.setSelection([{ anchor: 17, head: 17 }]);       // your caret, for the others

await doc.whenSynchronized();                       // acknowledged: durable on the server
console.log(`revision ${doc.revision}: ${JSON.stringify(text)}`);
await client.stop();
