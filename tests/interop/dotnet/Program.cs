// The .NET participant of tests/ci/interop.test.sh: CollabDocs.Client edits the scenario's document with
// seeded random splices (astral characters included) and random dropped connections, beside the
// TypeScript and ot.js clients (tests/interop/scenario.mjs); then it waits until everyone is done, catches
// up to the server's revision and writes what it has to <dir>/dotnet.json.
//
//   INTEROP_URL=http://127.0.0.1:5000 INTEROP_SEED=1 dotnet tests/interop/dotnet/bin/Release/net10.0/CollabDocs.Interop.Dotnet.dll <dir>
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CollabDocs.Client;
using CollabDocs.Interop;
using CollabDocs.Protocol;

if (args.Length != 1 || Environment.GetEnvironmentVariable("INTEROP_URL") is not { } url)
{
    Console.Error.WriteLine("usage: INTEROP_URL=<server> [INTEROP_SEED=<n>] [INTEROP_EDITS=<n>] [INTEROP_PARTICIPANTS=<n>] CollabDocs.Interop.Dotnet <dir>");
    return 2;
}

string dir = args[0];
int seed = int.TryParse(Environment.GetEnvironmentVariable("INTEROP_SEED"), out int s) ? s : 1;
int edits = int.TryParse(Environment.GetEnvironmentVariable("INTEROP_EDITS"), out int e) ? e : 80;
int participants = int.TryParse(Environment.GetEnvironmentVariable("INTEROP_PARTICIPANTS"), out int p) ? p : 3;
string token = File.ReadAllText(Path.Combine(dir, "token"));
string documentId = File.ReadAllText(Path.Combine(dir, "document"));
var server = new Uri(url.TrimEnd('/') + "/");
var network = new CuttableNetwork(token);
var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
var random = new Random(seed * 3);

await using var client = new CollabDocsClient(new CollabDocsClientOptions
{
    HubUrl = new Uri(server, "hubs/docs"),
    AccessTokenProvider = () => Task.FromResult<string?>(token),
    ReconnectPolicy = new FastRetry(),
    GapFillDelay = TimeSpan.FromMilliseconds(100),
    RetryDelay = TimeSpan.FromMilliseconds(50),
    ConfigureConnection = network.Configure,
});
// The editor's content, kept only from the local edits and the Changed events (as an app would), bound
// before the join so that it misses no change.
string editor = string.Empty;
var document = await client.OpenAsync(documentId, opening =>
{
    editor = opening.Text;
    opening.Changed += (_, change) => editor = change.Operation.Apply(editor);
});
document.Error += (_, error) =>
{
    if (error.Error.Code is not ErrorCodes.Connection and not ErrorCodes.RateLimited)
    {
        errors.Enqueue($"{error.Error.Code}: {error.Error.Message}");
    }

    Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} event {error.Error.Code}: {error.Error.Message}");
};
client.ConnectionStateChanged += (_, e) => Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} connection {e.State}");

for (int i = 0; i < edits; i++)
{
    document.Edit(text =>
    {
        var operation = RandomEdits.Next(random, text);
        editor = operation.Apply(editor);
        return operation;
    });
    switch (i == edits / 2 ? 0 : random.Next(12)) // at least one drop per client
    {
        case 0:
            network.Drop();
            break;
        case 1 or 2:
            await Synchronized(TimeSpan.FromSeconds(30));
            break;
        default:
            await Task.Delay(random.Next(30));
            break;
    }
}

await Synchronized(TimeSpan.FromSeconds(60));

// Everyone done editing: the server's revision is final.
await File.WriteAllTextAsync(Path.Combine(dir, "dotnet.synced"), string.Empty);
var deadline = DateTime.UtcNow.AddSeconds(90);
while (Directory.GetFiles(dir, "*.synced").Length < participants)
{
    if (DateTime.UtcNow > deadline)
    {
        Console.Error.WriteLine("dotnet: the other participants did not finish editing in time");
        return 1;
    }

    await Task.Delay(50);
}

using var http = new HttpClient { BaseAddress = server };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
var state = await http.GetFromJsonAsync<JsonElement>($"api/documents/{documentId}");
int revision = state.GetProperty("revision").GetInt32();
deadline = DateTime.UtcNow.AddSeconds(30);
while (document.Revision < revision && DateTime.UtcNow < deadline)
{
    await document.CatchUpAsync().WaitAsync(TimeSpan.FromSeconds(10));
}

var result = new ParticipantResult("dotnet", document.ClientId, document.Revision, document.Text, editor, document.LastSeq, network.Connects, [.. errors]);
await File.WriteAllTextAsync(Path.Combine(dir, "dotnet.json"), JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
Console.WriteLine($"dotnet: revision {result.Revision}, {result.Connects} connects, {result.Errors.Count} errors");
return 0;

async Task Synchronized(TimeSpan timeout)
{
    try
    {
        await document.WhenSynchronizedAsync().WaitAsync(timeout);
    }
    catch (TimeoutException)
    {
        throw new TimeoutException($"not synchronized within {timeout.TotalSeconds} s: status {document.Status}, {document.State}, revision {document.Revision}, last seq {document.LastSeq}, {network.Connects} connects");
    }
}
