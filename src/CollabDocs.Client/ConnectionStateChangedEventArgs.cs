using Microsoft.AspNetCore.SignalR.Client;

namespace CollabDocs.Client;

/// <summary>The client's connection changed state.</summary>
public sealed class ConnectionStateChangedEventArgs(HubConnectionState state, Exception? error) : EventArgs
{
    /// <summary>The new state.</summary>
    public HubConnectionState State { get; } = state;

    /// <summary>Why the connection was lost, when it was.</summary>
    public Exception? Error { get; } = error;
}
