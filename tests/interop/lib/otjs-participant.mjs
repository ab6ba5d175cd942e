// An unmodified ot.js 0.0.15 client (its lib/client.js state machine) speaking the CollabDocs hub protocol
// through a thin transport: events applied strictly in revision order, the acknowledgement recognised by
// (clientId, seq), and after a dropped socket a rejoin with Join(knownRevision) and a resend of the
// outstanding operation with the same (clientId, seq) (docs/protocol.md, "Client obligations").
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { HubConnectionBuilder, HttpTransportType, LogLevel } from '@microsoft/signalr';
import { trackedWebSocket } from './tracked-websocket.mjs';

const require = createRequire(import.meta.url);
const Client = require('ot/lib/client.js');
const TextOperation = require('ot/lib/text-operation.js');

const codeOf = (error) => /HubException: ([a-z_]+):/.exec(error?.message ?? '')?.[1];

export class OtJsParticipant {
  constructor({ url, token, documentId }) {
    this.url = url;
    this.token = token;
    this.documentId = documentId;
    this.clientId = randomUUID();
    this.network = trackedWebSocket();
    this.errors = [];
    this.lastSeq = 0;
    this.outstandingSeq = null;
    this.held = new Map(); // revision -> event, waiting for the revisions before it
    this.early = [];
    this.gapTimer = null;
    this.connected = false;
    this.reconnecting = false;
    this.resending = false;
    this.closed = false;
    this.client = null;
    this.text = null;
  }

  async open() {
    await this.connect();
  }

  /** A local edit: applied to the local text at once, then handed to the ot.js client. */
  edit(operationJson) {
    const operation = TextOperation.fromJSON(operationJson);
    this.text = operation.apply(this.text);
    this.client.applyClient(operation);
  }

  /** Cuts the socket; the transport rejoins and resends. */
  drop() {
    this.network.drop();
  }

  get revision() {
    return this.client.revision;
  }

  get synchronized() {
    return this.connected && this.client.state instanceof Client.Synchronized;
  }

  /** The transport's state, for a failure message. */
  describe() {
    const held = [...this.held.keys()].sort((a, b) => a - b);
    return `connected ${this.connected}, reconnecting ${this.reconnecting}, hub ${this.hub?.state}, ot.js ${this.client?.state.constructor.name} at ${this.client?.revision}, outstanding seq ${this.outstandingSeq}, last seq ${this.lastSeq}, held ${held.join(',')}, errors ${this.errors.join('; ')}`;
  }

  async close() {
    this.closed = true;
    clearTimeout(this.gapTimer ?? undefined);
    await this.hub?.stop();
  }

  async connect() {
    this.hub?.stop().catch(() => undefined);
    const hub = new HubConnectionBuilder()
      .withUrl(this.url, {
        transport: HttpTransportType.WebSockets,
        skipNegotiation: true,
        accessTokenFactory: () => this.token,
        WebSocket: this.network.WebSocket,
      })
      .configureLogging(LogLevel.None)
      .build();
    this.hub = hub;
    hub.on('Operation', (message) => {
      if (message.documentId !== this.documentId) return;
      // A broadcast may come before the first Join's result: keep it until the client exists.
      if (this.client === null) this.early.push(message);
      else this.receive(message);
    });
    hub.onclose(() => {
      if (hub !== this.hub) return;
      this.connected = false;
      if (!this.closed) setTimeout(() => this.reconnect(), 20);
    });
    await hub.start();
    const first = this.client === null;
    const join = await hub.invoke('Join', this.documentId, first ? null : this.client.revision);
    if (first) {
      this.text = join.text;
      this.client = new Client(join.revision);
      // A resend (ot.js's serverReconnect) keeps the outstanding operation's seq; a new send takes the next.
      this.client.sendOperation = (revision, operation) => this.send(revision, operation, this.resending ? this.outstandingSeq : ++this.lastSeq);
      this.client.applyOperation = (operation) => {
        this.text = operation.apply(this.text);
      };
      for (const message of this.early.splice(0)) this.receive(message);
    } else if (join.operations === null) {
      // Too far behind for the join: fill the gap from our revision before anything else.
      await this.fill(hub);
    } else {
      for (const message of join.operations) this.receive(message);
    }
    this.connected = true;
    // Still unacknowledged after the rejoin: resend with the same seq from the current revision.
    if (this.outstandingSeq !== null) this.resend();
  }

  async reconnect() {
    if (this.reconnecting) return;
    this.reconnecting = true;
    try {
      while (!this.closed && !this.connected) {
        try {
          await this.connect();
        } catch (error) {
          if (codeOf(error) !== undefined) this.errors.push(`rejoin: ${error.message}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    } finally {
      this.reconnecting = false;
    }
  }

  send(revision, operation, seq) {
    this.outstandingSeq = seq;
    this.submit(revision, operation, seq);
  }

  /** ot.js's own resend (`serverReconnect`: the outstanding operation at the current revision), same seq. */
  resend() {
    if (this.outstandingSeq === null) return;
    this.resending = true;
    try {
      this.client.serverReconnect();
    } finally {
      this.resending = false;
    }
  }

  submit(revision, operation, seq) {
    const hub = this.hub;
    hub.invoke('Submit', this.documentId, revision, operation.toJSON(), this.clientId, seq).then(
      ({ revision: committed }) => this.receive({ revision: committed, clientId: this.clientId, seq }),
      (error) => {
        const code = codeOf(error);
        if (code === 'rate_limited' || code === 'unavailable') {
          const detail = /HubException: [a-z_]+: (\{.*\})\s*$/.exec(error.message)?.[1];
          const wait = detail ? (JSON.parse(detail).retryAfterMs ?? 100) : 100;
          setTimeout(() => {
            if (hub === this.hub && this.connected && this.outstandingSeq === seq) this.resend();
          }, wait);
        } else if (code !== undefined) {
          this.errors.push(`Submit seq ${seq}: ${error.message}`);
        }
        // Without a code the connection was lost: the rejoin resends.
      },
    );
  }

  /** An acknowledgement or a broadcast: applied in revision order, earlier ones ignored. */
  receive(message) {
    if (message.revision <= this.client.revision) return;
    this.held.set(message.revision, message);
    for (let next = this.held.get(this.client.revision + 1); next !== undefined; next = this.held.get(this.client.revision + 1)) {
      this.held.delete(next.revision);
      if (next.clientId === this.clientId) {
        if (next.seq !== this.outstandingSeq) {
          this.errors.push(`revision ${next.revision} is our seq ${next.seq}, but seq ${this.outstandingSeq} is outstanding`);
          return;
        }
        this.outstandingSeq = null;
        this.client.serverAck(); // may send the buffer, with the next seq
      } else {
        this.client.applyServer(TextOperation.fromJSON(next.operation));
      }
    }
    for (const revision of this.held.keys()) if (revision <= this.client.revision) this.held.delete(revision);
    // A gap that stays open is filled from the log (docs/protocol.md, "Client obligations" 2).
    if (this.held.size > 0 && this.gapTimer === null) {
      this.gapTimer = setTimeout(() => {
        this.gapTimer = null;
        if (this.held.size > 0 && this.connected) this.fill().catch(() => undefined);
      }, 300);
    }
  }

  /** Fetches the committed operations after our revision (gap fill). */
  async fill(hub = this.hub) {
    for (;;) {
      const operations = await hub.invoke('GetOperations', this.documentId, this.client.revision, null);
      if (operations.length === 0) return;
      for (const message of operations) this.receive(message);
    }
  }
}
