// A WebSocket class for @microsoft/signalr (its `WebSocket` option) that the test can cut, as a flaky
// network would: `drop()` terminates the open sockets without a closing handshake.
import WebSocket from 'ws';

export function trackedWebSocket() {
  const open = new Set();
  let connects = 0;
  class TrackedWebSocket extends WebSocket {
    constructor(...args) {
      super(...args);
      connects++;
      open.add(this);
      this.on('close', () => open.delete(this));
    }
  }
  return {
    WebSocket: TrackedWebSocket,
    get connects() {
      return connects;
    },
    drop() {
      for (const socket of open) socket.terminate();
    },
  };
}
