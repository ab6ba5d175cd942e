using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CollabDocs.Server.Observability;

/// <summary>Writes a health report as <c>{"status":"Degraded","checks":{"store":{"status":…,"description":…},…}}</c>.</summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        var checks = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, entry) in report.Entries)
        {
            checks[name] = new { status = entry.Status.ToString(), description = entry.Description, durationMs = Math.Round(entry.Duration.TotalMilliseconds, 1) };
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return JsonSerializer.SerializeAsync(context.Response.Body, new { status = report.Status.ToString(), checks }, cancellationToken: context.RequestAborted);
    }
}
