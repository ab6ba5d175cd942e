using System.Reflection;
using CollabDocs.Protocol;
using CollabDocs.Server.Hubs;

namespace CollabDocs.Server.Tests.Hubs;

/// <summary>The method names of the shared contract (<see cref="HubMethods"/>) are the ones the hub has, both directions.</summary>
public sealed class HubMethodsTests
{
    [Fact]
    public void HubMethods_NameExactlyTheHubsMethods_InBothDirections()
    {
        string[] expected = ["Join", "Leave", "Submit", "GetOperations", "UpdatePresence", "Operation", "Presence", "PresenceLeft", "DocumentClosed"];
        var constants = typeof(HubMethods).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!);
        var serverMethods = typeof(DocumentHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == typeof(DocumentHub))
            .Select(m => m.Name);
        var clientMethods = typeof(IDocumentClient).GetMethods().Select(m => m.Name);

        Assert.Equal(expected.Order(StringComparer.Ordinal), constants.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Order(StringComparer.Ordinal), serverMethods.Concat(clientMethods).Order(StringComparer.Ordinal));
    }
}
