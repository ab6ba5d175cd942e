using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace CollabDocs.Server.Hosting;

/// <summary>Applies <see cref="KestrelLimitsOptions"/> to Kestrel (the standalone server only).</summary>
internal sealed class KestrelLimitsSetup(IOptions<KestrelLimitsOptions> limits) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions options)
    {
        var configured = limits.Value;
        options.Limits.MaxRequestBodySize = configured.MaxRequestBodyBytes;
        options.Limits.MaxRequestHeadersTotalSize = configured.MaxRequestHeadersTotalBytes;
        options.Limits.RequestHeadersTimeout = configured.RequestHeadersTimeout;
        options.Limits.KeepAliveTimeout = configured.KeepAliveTimeout;
        options.Limits.MaxConcurrentConnections = configured.MaxConcurrentConnections;
        options.Limits.MaxConcurrentUpgradedConnections = configured.MaxConcurrentUpgradedConnections;
    }
}
