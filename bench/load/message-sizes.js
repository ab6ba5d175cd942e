'use strict'
// Bytes on the wire of typical CollabDocs hub messages in SignalR's JSON and MessagePack hub protocols
// (the protocol classes the clients use; the shapes of docs/protocol.md).   node bench/load/message-sizes.js
const { JsonHubProtocol, MessageType } = require('@microsoft/signalr')
const { MessagePackHubProtocol } = require('@microsoft/signalr-protocol-msgpack')
const size = (p, m) => { const w = p.writeMessage(m); return typeof w === 'string' ? Buffer.byteLength(w) : w.byteLength }
const op = { documentId: 'bench-doc-1', revision: 123456, operation: [48211, 'x', 1290], clientId: 'w0-k3j2h1g5', seq: 98765, userId: 'anonymous', timestamp: 0, checksum: 3735928559 }
const broadcast = { type: MessageType.Invocation, target: 'Operation', arguments: [op] }
const submit = { type: MessageType.Invocation, invocationId: '42', target: 'Submit', arguments: ['bench-doc-1', 123455, [48211, 'x', 1290], 'w0-k3j2h1g5', 98765] }
const ack = { type: MessageType.Completion, invocationId: '42', result: { revision: 123456, checksum: 3735928559 } }
for (const [name, m] of [['Operation broadcast', broadcast], ['Submit invocation', submit], ['Submit completion (ack)', ack]])
  console.log(`| ${name} | ${size(new JsonHubProtocol(), m)} | ${size(new MessagePackHubProtocol(), m)} |`)
