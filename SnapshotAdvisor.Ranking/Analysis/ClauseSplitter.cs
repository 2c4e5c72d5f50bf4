using System.Text.RegularExpressions;

namespace Provisioner.SnapshotAdvisor.Ranking.Analysis;

/// <summary>One clause of free text, with whether it negates what it names or stresses it as the main business.</summary>
internal readonly record struct Clause(int Start, string Text, bool Negated, bool Stressed);

/// <summary>
/// Splits intake prose into clauses so that "we don't do cleanings" counts against dental instead of for it, and
/// "catering is 70% of revenue and what we want to grow" weighs more than a side line.
/// </summary>
internal static partial class ClauseSplitter
{
    private static readonly HashSet<string> NegationCues = new(StringComparer.Ordinal)
    {
        "not", "no", "never", "don't", "dont", "doesn't", "doesnt", "didn't", "didnt", "isn't", "isnt", "aren't", "arent",
        "won't", "wont", "can't", "cannot", "nor", "none", "anymore", "stopped", "quit",
    };

    private static readonly HashSet<string> StressCues = new(StringComparer.Ordinal)
    {
        "want", "wants", "grow", "growing", "focus", "focused", "main", "mainly", "mostly", "majority", "primarily",
        "specialize", "specializes", "specialise", "specialty", "core", "bread", "%", "percent", "biggest",
    };

    public static IReadOnlyList<Clause> Split(string text)
    {
        var clauses = new List<Clause>();
        var start = 0;
        foreach (Match separator in Separator().Matches(text))
        {
            AddClause(clauses, text, start, separator.Index);
            start = separator.Index + separator.Length;
        }

        AddClause(clauses, text, start, text.Length);
        return clauses;
    }

    private static void AddClause(List<Clause> clauses, string text, int start, int end)
    {
        if (end <= start)
        {
            return;
        }

        var body = text[start..end];
        var negated = false;
        var stressed = false;
        foreach (Match word in Word().Matches(body.Replace('\u2019', '\'')))
        {
            var lower = word.Value.ToLowerInvariant();
            negated |= NegationCues.Contains(lower);
            stressed |= StressCues.Contains(lower);
        }

        clauses.Add(new Clause(start, body, negated, stressed));
    }

    // Sentence ends, dashes used as breaks, and "but"/"except" which turn a sentence around.
    [GeneratedRegex(@"[.!?;\n]+(\s|$)|\s[-\u2013\u2014]+\s|[\u2013\u2014]|\bbut\b|\bexcept\b|\bwhile\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Separator();

    [GeneratedRegex(@"[A-Za-z']+|%", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
