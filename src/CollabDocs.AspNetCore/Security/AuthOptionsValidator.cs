using CollabDocs.Storage;
using Microsoft.Extensions.Options;

namespace CollabDocs.Server.Security;

/// <summary>Checks <see cref="AuthOptions"/> at start-up; in JWT mode that includes finding (or generating) the signing key.</summary>
internal sealed class AuthOptionsValidator(IOptions<StorageOptions> storage, IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Mode))
        {
            errors.Add($"{AuthOptions.SectionName}:Mode must be Jwt or Anonymous.");
        }

        // With the host's authentication no key is needed to start: only share links use one (docs/embedding.md).
        if (options.Mode == AuthMode.Jwt && !options.HostAuthenticates)
        {
            if (string.IsNullOrWhiteSpace(options.Issuer) || string.IsNullOrWhiteSpace(options.Audience))
            {
                errors.Add($"{AuthOptions.SectionName}:Issuer and :Audience must not be empty.");
            }

            if (options.TokenLifetime <= TimeSpan.Zero || options.ShareLinkLifetime <= TimeSpan.Zero || options.ClockSkew < TimeSpan.Zero)
            {
                errors.Add($"{AuthOptions.SectionName}:TokenLifetime and :ShareLinkLifetime must be positive, :ClockSkew not negative.");
            }

            if (options.RevocationRecheckInterval < TimeSpan.Zero || options.RevocationRecheckInterval > TimeSpan.FromHours(1))
            {
                errors.Add($"{AuthOptions.SectionName}:RevocationRecheckInterval must be between 00:00:00 and 01:00:00.");
            }

            try
            {
                _ = SigningKeyProvider.Resolve(options, storage.Value, environment);
            }
            catch (InvalidOperationException ex)
            {
                errors.Add(ex.Message);
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
