using System.Text.Json.Nodes;
using CollabDocs.Server.Access;
using CollabDocs.Server.Api;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CollabDocs.Server.OpenApi;

/// <summary>
/// Roles travel as strings (<see cref="RoleNames"/>); the document declares them as an enum, so a generated
/// client gets the four values: every role a response reports, and the three a request may grant.
/// </summary>
internal sealed class RoleSchemaTransformer : IOpenApiSchemaTransformer
{
    private static readonly string[] Reported = ["none", "viewer", "editor", "owner"];
    private static readonly string[] Granted = ["viewer", "editor", "owner"];

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var property = context.JsonPropertyInfo;
        if (property is null || !string.Equals(property.Name, "role", StringComparison.Ordinal))
        {
            return Task.CompletedTask;
        }

        var type = property.DeclaringType;
        string[]? values = type == typeof(MemberResponse) || type == typeof(DocumentResponse) || type == typeof(ShareLinkResponse) ? Reported
            : type == typeof(SetRoleRequest) || type == typeof(ShareRequest) ? Granted
            : null;
        if (values is not null)
        {
            schema.Enum = [.. values.Select(value => (JsonNode)JsonValue.Create(value))];
        }

        return Task.CompletedTask;
    }
}
