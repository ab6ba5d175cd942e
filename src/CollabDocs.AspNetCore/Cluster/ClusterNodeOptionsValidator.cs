using Microsoft.Extensions.Options;

namespace CollabDocs.Server.Cluster;

/// <summary>Checks <see cref="ClusterNodeOptions"/> at start-up, so that a bad port or timeout fails fast with its key.</summary>
internal sealed class ClusterNodeOptionsValidator : IValidateOptions<ClusterNodeOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterNodeOptions options)
    {
        var errors = new List<string>();
        string section = ClusterNodeOptions.SectionName;
        if (options.SiloPort is < 1 or > 65535)
        {
            errors.Add($"{section}:SiloPort must be a port (1-65535), got {options.SiloPort}.");
        }

        if (options.GatewayPort is < 0 or > 65535 || (options.GatewayPort != 0 && options.GatewayPort == options.SiloPort))
        {
            errors.Add($"{section}:GatewayPort must be 0 (none) or a port other than SiloPort, got {options.GatewayPort}.");
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId) || string.IsNullOrWhiteSpace(options.ServiceId))
        {
            errors.Add($"{section}:ClusterId and :ServiceId must not be empty.");
        }

        if (options.ProbeTimeout <= TimeSpan.Zero || options.DeathVoteExpirationTimeout <= TimeSpan.Zero || options.IAmAliveTablePublishTimeout <= TimeSpan.Zero
            || options.TableRefreshTimeout <= TimeSpan.Zero || options.ResponseTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{section}: every timeout (ProbeTimeout, DeathVoteExpirationTimeout, IAmAliveTablePublishTimeout, TableRefreshTimeout, ResponseTimeout) must be positive.");
        }

        if (options.NumMissedProbesLimit < 1 || options.NumVotesForDeathDeclaration < 1)
        {
            errors.Add($"{section}:NumMissedProbesLimit and :NumVotesForDeathDeclaration must be at least 1.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
