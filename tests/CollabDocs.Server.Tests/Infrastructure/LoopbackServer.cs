using System.Net;
using CollabDocs.Ot.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CollabDocs.Server.Tests.Infrastructure;

/// <summary>
/// The real server on Kestrel at 127.0.0.1 (a free port), for tests about what only real sockets do: a
/// client that stops reading fills the kernel's buffers and then pushes back on the server.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly TestDataDirectory _data = new();

    public LoopbackServer(IReadOnlyDictionary<string, string?>? settings = null)
    {
        Factory = TestHost.Anonymous(_data.Path, settings);
        Factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        Factory.StartServer();
        var addresses = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.Single().TrimEnd('/') + "/");
    }

    public TestHost Factory { get; }

    /// <summary>The server's address, ending in a slash.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The hub's WebSocket address.</summary>
    public Uri HubWebSocketUri => new(BaseAddress.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + "hubs/docs");

    /// <summary>A SignalR .NET client over a real WebSocket.</summary>
    public async Task<HubConnection> ConnectAsync()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, "hubs/docs"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new TextOperationJsonConverter()))
            .Build();
        await connection.StartAsync().DefaultTimeout();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync().DefaultTimeout();
        _data.Dispose();
    }
}
