using System.Text.Json;

namespace Provisioner.SnapshotAdvisor.Tests;

/// <summary>
/// Issue 7: "no snapshot ids, names or case-specific words from the dev data may appear in code or configuration".
/// The advisor is judged on libraries it has never seen, so tuning to the dev set by name would be a hidden overfit.
/// Scans what ships (the ranker and the service: sources, taxonomy, appsettings) for the dev set's snapshot ids and
/// names and its businesses' names and websites.
/// </summary>
public sealed class DevDataGuardTests
{
    private static readonly string[] ShippedFolders = ["SnapshotAdvisor.Ranking", "SnapshotAdvisor"];
    private static readonly string[] ShippedExtensions = [".cs", ".json", ".txt", ".yaml", ".yml", ".csv"];

    [Fact]
    public void ShippedCodeAndConfiguration_NameNothingFromTheDevSet()
    {
        var root = RepositoryRoot();
        var needles = DevSetNeedles();
        var files = ShippedFolders
            .SelectMany(f => Directory.EnumerateFiles(Path.Combine(root, f), "*", SearchOption.AllDirectories))
            .Where(f => ShippedExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();

        var leaks = files
            .SelectMany(f =>
            {
                var text = File.ReadAllText(f);
                return needles.Where(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)).Select(n => $"{Path.GetRelativePath(root, f)}: \"{n}\"");
            })
            .ToList();

        Assert.True(needles.Count > 50, $"only {needles.Count} dev-set names read: the data is not the dev set");
        Assert.True(files.Count > 20, $"only {files.Count} shipped files found under {root}: the scan would prove nothing");
        Assert.True(leaks.Count == 0, "dev-set names in shipped code or configuration:\n" + string.Join('\n', leaks));
    }

    private static List<string> DevSetNeedles()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Data", "dev");
        using var library = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "library.json")));
        var needles = library.RootElement.EnumerateArray()
            .SelectMany(s => new[] { s.GetProperty("id").GetString(), s.GetProperty("name").GetString() })
            .ToList();
        foreach (var line in File.ReadLines(Path.Combine(folder, "cases.jsonl")).Where(l => l.Length > 0))
        {
            using var labelled = JsonDocument.Parse(line);
            var business = labelled.RootElement.GetProperty("business");
            needles.Add(business.GetProperty("name").GetString());
            needles.Add(business.TryGetProperty("website", out var website) ? website.GetString() : null);
        }

        // Very short strings (an empty website, a two-letter name) would match by accident, not by copying.
        return [.. needles.OfType<string>().Where(n => n.Trim().Length >= 6).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Provisioner.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Provisioner.sln above {AppContext.BaseDirectory}: the guard needs the sources.");
    }
}
