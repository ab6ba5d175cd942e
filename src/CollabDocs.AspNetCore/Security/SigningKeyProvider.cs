using System.Security.Cryptography;
using System.Text;
using CollabDocs.Storage;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CollabDocs.Server.Security;

/// <summary>
/// The symmetric key that signs and verifies tokens: <see cref="AuthOptions.SigningKey"/>, or in the
/// Development environment a random key generated once and kept in the data directory, so that
/// development tokens survive restarts. Anywhere else a missing key is a start-up error.
/// </summary>
internal sealed class SigningKeyProvider(IOptions<AuthOptions> auth, IOptions<StorageOptions> storage, IHostEnvironment environment)
{
    /// <summary>The file, in the data directory, that holds a generated development key (base64).</summary>
    public const string FileName = "dev-signing-key.txt";

    /// <summary>Shortest accepted key: HMAC-SHA256 needs 256 bits.</summary>
    public const int MinimumKeyBytes = 32;

    private readonly Lazy<SymmetricSecurityKey> _key = new(() => Resolve(auth.Value, storage.Value, environment));

    /// <summary>The key; throws <see cref="InvalidOperationException"/> with a clear message when none is configured.</summary>
    public SymmetricSecurityKey Key => _key.Value;

    /// <summary>Finds the key for <paramref name="options"/>; throws <see cref="InvalidOperationException"/> with a clear message.</summary>
    internal static SymmetricSecurityKey Resolve(AuthOptions options, StorageOptions storage, IHostEnvironment environment)
    {
        byte[] bytes;
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            bytes = Decode(options.SigningKey.Trim())
                ?? throw new InvalidOperationException(
                    $"{AuthOptions.SectionName}:SigningKey is too short: give base64 of at least {MinimumKeyBytes} random bytes " +
                    $"(for example the output of 'openssl rand -base64 {MinimumKeyBytes}') or text of at least {MinimumKeyBytes} bytes.");
        }
        else if (environment.IsDevelopment())
        {
            bytes = LoadOrCreate(Path.GetFullPath(Path.Combine(environment.ContentRootPath, storage.DataDirectory, FileName)));
        }
        else
        {
            throw new InvalidOperationException(
                $"No token signing key is configured. {AuthOptions.SectionName}:Mode is {options.Mode}, which needs " +
                $"{AuthOptions.SectionName}:SigningKey (base64 of at least {MinimumKeyBytes} random bytes, e.g. the environment " +
                $"variable CollabDocs__Auth__SigningKey=$(openssl rand -base64 {MinimumKeyBytes})). To run without authentication " +
                $"set {AuthOptions.SectionName}:Mode=Anonymous explicitly. See docs/security.md.");
        }

        return new SymmetricSecurityKey(bytes) { KeyId = Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 8)) };
    }

    /// <summary>Base64 of at least 32 bytes, else UTF-8 text of at least 32 bytes, else null.</summary>
    internal static byte[]? Decode(string value)
    {
        var buffer = new byte[value.Length];
        if (Convert.TryFromBase64String(value, buffer, out int written) && written >= MinimumKeyBytes)
        {
            return buffer[..written];
        }

        byte[] text = Encoding.UTF8.GetBytes(value);
        return text.Length >= MinimumKeyBytes ? text : null;
    }

    private static byte[] LoadOrCreate(string path)
    {
        // The data folder, which this may create before the store does: private on Unix, as the store creates it.
        DataFolder.CreatePrivate(Path.GetDirectoryName(path)!);

        for (int attempt = 0; ; attempt++)
        {
            if (File.Exists(path))
            {
                var existing = Decode(File.ReadAllText(path).Trim());
                if (existing is not null)
                {
                    return existing;
                }

                if (attempt < 5)
                {
                    // Another process may be writing it right now.
                    Thread.Sleep(50);
                    continue;
                }

                throw new InvalidOperationException($"The development signing key in '{path}' is not valid; delete the file to generate a new one.");
            }

            byte[] key = RandomNumberGenerator.GetBytes(MinimumKeyBytes);
            try
            {
                // CreateNew: when two processes start at once, one writes and the other reads its key.
                var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                var stream = new FileStream(path, create);
                using (stream)
                using (var writer = new StreamWriter(stream, Encoding.ASCII))
                {
                    writer.Write(Convert.ToBase64String(key));
                }

                return key;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Lost the race to create it: read the winner's key.
            }
        }
    }
}
