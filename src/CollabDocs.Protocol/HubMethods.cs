namespace CollabDocs.Protocol;

/// <summary>The names of the hub's methods, both directions (docs/protocol.md).</summary>
public static class HubMethods
{
    /// <summary>Client → server: subscribe and get the state.</summary>
    public const string Join = "Join";

    /// <summary>Client → server: unsubscribe.</summary>
    public const string Leave = "Leave";

    /// <summary>Client → server: submit an operation.</summary>
    public const string Submit = "Submit";

    /// <summary>Client → server: committed operations by revision.</summary>
    public const string GetOperations = "GetOperations";

    /// <summary>Client → server: publish this connection's selection.</summary>
    public const string UpdatePresence = "UpdatePresence";

    /// <summary>Server → client: another client's committed operation.</summary>
    public const string Operation = "Operation";

    /// <summary>Server → client: another connection's selection.</summary>
    public const string Presence = "Presence";

    /// <summary>Server → client: another connection is gone.</summary>
    public const string PresenceLeft = "PresenceLeft";

    /// <summary>Server → client: this connection is no longer subscribed.</summary>
    public const string DocumentClosed = "DocumentClosed";
}
