using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabDocs.Testing;

/// <summary>How a <see cref="TestHubClient"/> connects; the defaults are an anonymous JSON connection straight to the WebSocket.</summary>
public sealed record TestHubOptions
{
    /// <summary>The client id sent with every submit; a new random one when null.</summary>
    public string? ClientId { get; init; }

    /// <summary>The MessagePack hub protocol instead of JSON.</summary>
    public bool MessagePack { get; init; }

    /// <summary>
    /// The bearer token, asked for at each request (negotiate, then the WebSocket, where it goes in the
    /// <c>access_token</c> query string as browsers send it); no token when null.
    /// </summary>
    public Func<string?>? Token { get; init; }

    /// <summary>The <c>Origin</c> header of the negotiate and upgrade requests.</summary>
    public string? Origin { get; init; }

    /// <summary>Negotiate over HTTP first; null for the host's default (<see cref="TestHostOptions.NegotiateHubConnections"/>).</summary>
    public bool? Negotiate { get; init; }

    /// <summary>Changes to the WebSocket upgrade request (e.g. an authentication header of an embedding app).</summary>
    public Action<HttpRequest>? ConfigureRequest { get; init; }

    /// <summary>Runs on the connection before it starts (to attach handlers without a race).</summary>
    public Action<HubConnection>? BeforeStart { get; init; }
}
