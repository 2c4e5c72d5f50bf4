using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;

namespace Provisioner.Reliability.Tests.Security;

/// <summary>
/// Searches texts (process logs, <c>pg_dump</c> output) for every secret of a <see cref="SecretLedger"/>, in each form
/// it could take there: as is, JSON- or URL-escaped, and as the hex (<c>bytea</c> in a dump) or base64 of its UTF-8.
/// Also counts anything shaped like a JWT or an API key, whether the run knew that value or not.
/// </summary>
internal static partial class SecretScan
{
    public static IEnumerable<(string Form, string Text)> Forms(string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        var forms = new List<(string, string)>
        {
            ("plain", secret),
            ("json", JsonSerializer.Serialize(secret)[1..^1]),
            ("url", Uri.EscapeDataString(secret)),
            ("hex", Convert.ToHexStringLower(bytes)),
            ("base64", Convert.ToBase64String(bytes).TrimEnd('=')),
        };
        return forms.DistinctBy(f => f.Item2);
    }

    /// <summary>How many times any form of <paramref name="secret"/> occurs in <paramref name="text"/>.</summary>
    public static int Occurrences(string text, string secret) =>
        Forms(secret).Sum(f => Count(text, f.Text, f.Form == "hex" ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));

    public static int JwtShaped(string text) => Jwt().Count(text);

    public static int ApiKeyShaped(string text) => ApiKey().Count(text);

    /// <summary>The plain SQL dump of a database, as an operator's backup would hold it.</summary>
    public static async Task<string> DumpAsync(TestDatabase database)
    {
        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var pgDump = Directory.GetFiles("/usr/lib/postgresql", "pg_dump", SearchOption.AllDirectories)
            .OrderDescending(StringComparer.Ordinal).FirstOrDefault();
        Assert.True(pgDump is not null, "pg_dump is missing under /usr/lib/postgresql (apt-get install postgresql-client).");
        var start = new ProcessStartInfo(pgDump, ["--no-owner", "--no-privileges", "-h", connection.Host!, "-p", connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-U", connection.Username!, "-d", database.Name])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PGPASSWORD"] = connection.Password;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pg_dump {database.Name} exited with {process.ExitCode}: {await errors}");
        return await output;
    }

    private static int Count(string text, string needle, StringComparison comparison)
    {
        var count = 0;
        for (var at = text.IndexOf(needle, comparison); at >= 0; at = text.IndexOf(needle, at + needle.Length, comparison))
        {
            count++;
        }

        return count;
    }

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"pvk_[A-Za-z0-9_-]{20,}")]
    private static partial Regex ApiKey();
}
