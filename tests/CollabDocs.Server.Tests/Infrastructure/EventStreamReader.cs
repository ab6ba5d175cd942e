using System.Net;
using System.Text.Json;
using CollabDocs.Protocol;

namespace CollabDocs.Server.Tests.Infrastructure;

/// <summary>A reader of <c>GET /api/documents/{id}/events</c> (Server-Sent Events), parsed as the EventSource spec says.</summary>
internal sealed class EventStreamReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private EventStreamReader(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    /// <summary>The last event id received (what a browser would send as <c>Last-Event-ID</c> on reconnecting).</summary>
    public string? LastEventId { get; private set; }

    /// <summary>Opens the feed; <paramref name="query"/> (without <c>?</c>) is appended to the address as is.</summary>
    public static async Task<EventStreamReader> OpenAsync(HttpClient http, string documentId, string? lastEventId = null, bool presence = false, string? query = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        string[] parameters = [.. presence ? ["presence=true"] : Array.Empty<string>(), .. query is null ? Array.Empty<string>() : [query]];
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/documents/{documentId}/events{(parameters.Length > 0 ? "?" + string.Join('&', parameters) : string.Empty)}", UriKind.Relative));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).DefaultTimeout();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            string body = await response.Content.ReadAsStringAsync().DefaultTimeout();
            response.Dispose();
            throw new HttpRequestException($"GET events: {(int)response.StatusCode} {body}", null, response.StatusCode);
        }

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var stream = await response.Content.ReadAsStreamAsync().DefaultTimeout();
        return new EventStreamReader(response, new StreamReader(stream)) { LastEventId = lastEventId };
    }

    /// <summary>The next event (comments skipped).</summary>
    public async Task<(string Event, string? Id, string Data)> ReadEventAsync()
    {
        string eventName = "message";
        string? id = null;
        var data = new List<string>();
        while (true)
        {
            string? line = await _reader.ReadLineAsync().DefaultTimeout() ?? throw new EndOfStreamException("The event stream ended.");
            if (line.Length == 0)
            {
                if (data.Count == 0)
                {
                    continue;
                }

                if (id is not null)
                {
                    LastEventId = id;
                }

                return (eventName, id, string.Join('\n', data));
            }

            if (line.StartsWith(':'))
            {
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            string field = colon < 0 ? line : line[..colon];
            string value = colon < 0 ? string.Empty : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "event":
                    eventName = value;
                    break;
                case "id":
                    id = value;
                    break;
                case "data":
                    data.Add(value);
                    break;
            }
        }
    }

    /// <summary>The next operation event; asserts its id is its revision.</summary>
    public async Task<OperationMessage> ReadOperationAsync()
    {
        while (true)
        {
            var (name, id, data) = await ReadEventAsync().DefaultTimeout();
            if (name != "operation")
            {
                continue;
            }

            var operation = JsonSerializer.Deserialize<OperationMessage>(data, DocumentsApi.Json)!;
            Assert.Equal(operation.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), id);
            return operation;
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
