// DotnetBot: a small CollabDocs.Client app. It signs in (a development token, or --token), creates the
// document if it does not exist, and appends a line to it — or imports a file into the live document, line
// by line, while others keep editing — then waits until the server has every edit and prints the result.
//
//   dotnet run --project samples/DotnetBot -- --server http://127.0.0.1:5000 --document notes --line "Hello from .NET"
//   dotnet run --project samples/DotnetBot -- --server http://127.0.0.1:5000 --document notes --import README.md
using CollabDocs.Client;
using CollabDocs.Client.Persistence;
using CollabDocs.Ot;
using DotnetBot;

var options = BotOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: DotnetBot --server <url> --document <id> [--line <text> | --import <file>] [--name <display name> | --token <jwt>] [--pending <folder>]");
    return 2;
}

using var http = new HttpClient { BaseAddress = options.Server };
string token = options.Token ?? await ServerApi.DevelopmentTokenAsync(http, options.Name);
await ServerApi.EnsureDocumentAsync(http, token, options.DocumentId);

await using var client = new CollabDocsClient(new CollabDocsClientOptions
{
    HubUrl = new Uri(options.Server, "hubs/docs"),
    AccessTokenProvider = () => Task.FromResult<string?>(token),
    PendingEditStore = options.PendingFolder is null ? null : new FilePendingEditStore(options.PendingFolder),
});
CollabDocument document;
try
{
    document = await client.OpenAsync(options.DocumentId);
}
catch (CollabDocsException ex)
{
    Console.Error.WriteLine($"cannot open '{options.DocumentId}': {ex.Code}: {ex.Message}");
    return 1;
}

document.Changed += (_, change) => Console.WriteLine($"  revision {change.Revision}: a change by {change.UserId ?? change.ClientId}");
Console.WriteLine($"opened '{document.Id}' at revision {document.Revision} as {document.Role} ({document.Text.Length} characters)");

// Each edit is made on the text as it is at that moment (Edit runs with the document locked), so remote
// changes arriving in between never make it stale.
var lines = options.ImportFile is null ? [options.Line + "\n"] : File.ReadAllLines(options.ImportFile).Select(l => l + "\n").ToArray();
foreach (string line in lines)
{
    document.Edit(text => TextOperation.Splice(text.Length, text.Length, 0, line));
}

await document.WhenSynchronizedAsync().WaitAsync(TimeSpan.FromSeconds(60));
Console.WriteLine($"appended {lines.Length} line(s); the document is at revision {document.Revision}, {document.Text.Length} characters");
Console.WriteLine("--- text ---");
Console.Write(document.Text);
return 0;
