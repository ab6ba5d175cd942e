using System.Globalization;
using Xunit.Sdk;

namespace CollabDocs.Ot.Tests.Properties;

/// <summary>
/// Runs a property over many seeded cases. The base seed comes from the <c>OT_SEED</c> environment
/// variable when set, else a fixed value; each case's seed is derived from it and the case index, so
/// a failure is reproduced by rerunning with the printed <c>OT_SEED</c> (and <c>OT_CASE</c> to run only
/// the failing case).
/// </summary>
internal static class PropertyCheck
{
    /// <summary>Cases per property unless a test says otherwise.</summary>
    public const int DefaultCases = 10_000;

    private const int FixedSeed = 20_240_601;

    public static int BaseSeed { get; } = ReadInt("OT_SEED") ?? FixedSeed;

    private static int? OnlyCase { get; } = ReadInt("OT_CASE");

    /// <summary>Runs <paramref name="body"/> for <paramref name="cases"/> cases; returns how many ran.</summary>
    public static int Run(string property, int cases, Action<PropertyCase> body) => Run(property, cases, BaseSeed, body);

    public static int Run(string property, Action<PropertyCase> body) => Run(property, DefaultCases, BaseSeed, body);

    public static int Run(string property, int cases, int baseSeed, Action<PropertyCase> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        int ran = 0;
        for (int index = 0; index < cases; index++)
        {
            if (OnlyCase is int only && only != index)
            {
                continue;
            }

            var @case = new PropertyCase(index, CaseSeed(baseSeed, index));
            try
            {
                body(@case);
            }
            catch (Exception ex)
            {
                throw new XunitException(
                    $"Property '{property}' failed at case {index} of {cases} (OT_SEED={baseSeed}, case seed {@case.Seed}). "
                    + $"Reproduce with OT_SEED={baseSeed} OT_CASE={index}.{@case.DescribeInputs()}\n{ex.GetType().Name}: {ex.Message}",
                    ex);
            }

            ran++;
        }

        return ran;
    }

    /// <summary>A well-mixed, platform-independent seed for one case (SplitMix64 finaliser).</summary>
    public static int CaseSeed(int baseSeed, int index)
    {
        ulong z = ((ulong)(uint)baseSeed << 32) | (uint)index;
        z += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        z ^= z >> 31;
        return (int)(z & int.MaxValue);
    }

    private static int? ReadInt(string variable)
    {
        string? value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int parsed)
            ? parsed
            : throw new InvalidOperationException($"{variable}='{value}' is not a 32-bit integer.");
    }
}
