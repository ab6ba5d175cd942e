namespace DotnetBot;

/// <summary>The command line.</summary>
internal sealed record BotOptions(Uri Server, string DocumentId, string Line, string? ImportFile, string Name, string? Token, string? PendingFolder)
{
    public static BotOptions? Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                return null;
            }

            values[args[i][2..]] = args[i + 1];
        }

        if (!values.TryGetValue("server", out string? server) || !Uri.TryCreate(server.TrimEnd('/') + "/", UriKind.Absolute, out var serverUri)
            || !values.TryGetValue("document", out string? document))
        {
            return null;
        }

        return new BotOptions(
            serverUri,
            document,
            values.GetValueOrDefault("line") ?? $"DotnetBot was here at {DateTimeOffset.UtcNow:u}",
            values.GetValueOrDefault("import"),
            values.GetValueOrDefault("name") ?? "DotnetBot",
            values.GetValueOrDefault("token"),
            values.GetValueOrDefault("pending"));
    }
}
