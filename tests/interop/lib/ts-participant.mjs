// The TypeScript client (@collabdocs/client, built dist/) on a SignalR connection whose socket the test
// can cut; the client's own reconnect, rejoin and resend do the rest.
import { CollabClient, TextOperation } from '@collabdocs/client';
import { HubConnectionBuilder, HttpTransportType, LogLevel } from '@microsoft/signalr';
import { trackedWebSocket } from './tracked-websocket.mjs';

const fastRetry = { nextRetryDelayInMilliseconds: (context) => (context.previousRetryCount === 0 ? 0 : 50) };

export class TsParticipant {
  constructor({ url, token, documentId }) {
    this.network = trackedWebSocket();
    this.errors = [];
    this.documentId = documentId;
    this.client = new CollabClient({
      url,
      accessTokenFactory: () => token,
      gapFillDelayMs: 100,
      connectionFactory: (options) =>
        new HubConnectionBuilder()
          .withUrl(options.url, {
            transport: HttpTransportType.WebSockets,
            skipNegotiation: true,
            accessTokenFactory: options.accessTokenFactory,
            WebSocket: this.network.WebSocket,
          })
          .withAutomaticReconnect(fastRetry)
          .configureLogging(LogLevel.None)
          .build(),
    });
    this.clientId = this.client.clientId;
  }

  async open() {
    this.doc = await this.client.open(this.documentId);
    // The editor's content, kept only from the events (as an app would).
    this.editor = this.doc.text;
    this.doc.on('change', ({ operation }) => {
      this.editor = operation.apply(this.editor);
    });
    this.doc.on('error', (error) => {
      if (error.code !== 'connection' && error.code !== 'rate_limited') this.errors.push(`${error.code}: ${error.message}`);
    });
  }

  get text() {
    return this.doc.text;
  }

  get revision() {
    return this.doc.revision;
  }

  get synchronized() {
    return this.doc.state === 'synchronized' && this.doc.status === 'live';
  }

  edit(operationJson) {
    const operation = TextOperation.fromJSON(operationJson);
    this.editor = operation.apply(this.editor);
    this.doc.applyLocal(operation);
  }

  drop() {
    this.network.drop();
  }

  describe() {
    return `status ${this.doc.status}, state ${this.doc.state} at ${this.doc.revision}, connection ${this.client.connectionState}, errors ${this.errors.join('; ')}`;
  }

  async close() {
    await this.client.stop();
  }
}
