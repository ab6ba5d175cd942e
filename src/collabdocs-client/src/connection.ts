import { HttpTransportType, HubConnectionBuilder, LogLevel, type IHubProtocol, type ILogger, type IRetryPolicy } from '@microsoft/signalr';

/**
 * The part of `@microsoft/signalr`'s `HubConnection` the client uses. A real `HubConnection` fits it
 * as is; tests pass a fake that talks to an in-memory server.
 *
 * Semantics the client relies on (as SignalR provides them): `invoke` rejects when the connection is
 * lost before the result arrives; `onreconnecting` / `onreconnected` bracket an automatic reconnect
 * (the new connection has no subscriptions); `onclose` means the connection is down for good until
 * `start` is called again.
 */
export interface HubConnectionLike {
  start(): Promise<void>;
  stop(): Promise<void>;
  invoke<T = unknown>(methodName: string, ...args: unknown[]): Promise<T>;
  on(methodName: string, handler: (...args: never[]) => void): void;
  onclose(callback: (error?: Error) => void): void;
  onreconnecting(callback: (error?: Error) => void): void;
  onreconnected(callback: (connectionId?: string) => void): void;
}

/** What a connection factory gets from the client options. */
export interface ConnectionFactoryOptions {
  url: string;
  accessTokenFactory?: (() => string | Promise<string>) | undefined;
  /** SignalR keep-alive interval, in ms. */
  keepAliveIntervalMs?: number;
  /** SignalR server timeout, in ms. */
  serverTimeoutMs?: number;
  /** The hub protocol, e.g. `new MessagePackHubProtocol()`; SignalR's JSON protocol when omitted. */
  hubProtocol?: IHubProtocol | undefined;
}

/** Timer functions, injectable so tests can run the client on virtual time. */
export interface Timers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** A number in [0, 1) for backoff jitter. */
  random(): number;
}

/** The real clock. */
export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => {
    globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>);
  },
  random: () => Math.random(),
};

/**
 * Backoff for reconnect attempts: 0 s, 1 s, 2 s, 5 s, 10 s, then 20 s and 30 s, with ±20 % jitter.
 * `attempt` counts from 0.
 */
export function backoffDelay(attempt: number, random: () => number): number {
  const steps = [0, 1000, 2000, 5000, 10000, 20000, 30000];
  const base = steps[Math.min(attempt, steps.length - 1)] ?? 30000;
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * SignalR's own log lines go to `console.warn`: a lost connection is an expected event for a
 * collaborative client (it reconnects), not an application error.
 */
const quietLogger: ILogger = {
  log(level: LogLevel, message: string): void {
    if (level >= LogLevel.Warning) {
      console.warn(`[signalr] ${message}`);
    }
  },
};

/** Automatic reconnect for two minutes; after that the client's own restart loop takes over. */
const retryPolicy: IRetryPolicy = {
  nextRetryDelayInMilliseconds(context) {
    if (context.elapsedMilliseconds > 120_000) {
      return null;
    }
    return backoffDelay(context.previousRetryCount, Math.random);
  },
};

/**
 * The default factory: a SignalR connection (JSON protocol unless `hubProtocol` is given) over WebSockets
 * with automatic reconnect.
 * Negotiation is skipped, so the connection is one request: behind a round-robin load balancer a
 * negotiate and the connect that follows it could otherwise reach two different nodes.
 */
export function createSignalRConnection(options: ConnectionFactoryOptions): HubConnectionLike {
  const factory = options.accessTokenFactory;
  let builder = new HubConnectionBuilder()
    .withUrl(options.url, {
      transport: HttpTransportType.WebSockets,
      skipNegotiation: true,
      ...(factory === undefined ? {} : { accessTokenFactory: factory }),
    })
    .withAutomaticReconnect(retryPolicy)
    .configureLogging(quietLogger);
  if (options.keepAliveIntervalMs !== undefined) {
    builder = builder.withKeepAliveInterval(options.keepAliveIntervalMs);
  }
  if (options.serverTimeoutMs !== undefined) {
    builder = builder.withServerTimeout(options.serverTimeoutMs);
  }
  if (options.hubProtocol !== undefined) {
    builder = builder.withHubProtocol(options.hubProtocol);
  }
  return builder.build();
}
