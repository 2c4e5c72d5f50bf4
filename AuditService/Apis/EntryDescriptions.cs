using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Provisioner.AuditService.Apis;

/// <summary>
/// The <c>action</c> and <c>summary</c> of an entry, derived when it is read (never stored or hashed), so wording can
/// improve without touching the chain. The action comes from the type name alone, so every type has one; the summary is
/// a sentence per known contract, read from the stored (redacted) payload, and a generic one for any other type.
/// </summary>
public static class EntryDescriptions
{
    private const string ContractsPrefix = "Provisioner.Contracts.";
    private const int MaxSummaryLength = 300;

    /// <summary>
    /// One sentence per contract, keyed by the type's short name. A missing field reads as "?", never an error: the
    /// payload is whatever the producer sent (its copy of Contracts may be older or newer than ours).
    /// </summary>
    private static readonly Dictionary<string, Func<JsonElement, string>> Sentences = new(StringComparer.Ordinal)
    {
        // Provisioning: the job's life, in the order the saga emits it.
        ["ProvisioningRequested"] = p => $"Provisioning of \"{Text(p, "businessName")}\" requested by {Text(p, "actor")}"
            + (Optional(p, "snapshotId") is { } s ? $" with snapshot {s}" : ", snapshot to be advised"),
        ["StartProvisioning"] = _ => "Job got a run slot",
        ["ProvisioningStarted"] = p => Optional(p, "resumedFromStep") is { } step ? $"Job resumed at step {step}" : "Job started",
        ["JobStepStarted"] = p => $"Step {Text(p, "step")} started{Attempt(p)}",
        ["JobStepCompleted"] = p => $"Step {Text(p, "step")} completed{Attempt(p)}"
            + (Optional(p, "detail") is { } d ? $": {d}" : ""),
        ["JobStepFailed"] = p => $"Step {Text(p, "step")} failed{Attempt(p)}, "
            + (Flag(p, "retryable") ? "will be retried" : "not retryable") + $": {Text(p, "error")}",
        ["SnapshotChosen"] = p => $"Snapshot {Text(p, "snapshotId")} chosen ({Text(p, "source")}): {Text(p, "reason")}",
        ["SnapshotLoadProgressed"] = p =>
            $"Snapshot {Text(p, "snapshotId")} loading into location {Text(p, "locationId")}: {Text(p, "status")}, "
            + $"{Text(p, "percentComplete")}% (poll {Text(p, "poll")})",
        ["ProvisioningSucceeded"] = p => $"Job succeeded: location {Text(p, "locationId")}"
            + (Optional(p, "snapshotId") is { } s ? $" with snapshot {s}" : ""),
        ["ProvisioningFailed"] = p => $"Job failed at step {Text(p, "step")}: {Text(p, "error")}",
        ["ProvisioningCancelled"] = p => $"Job cancelled by {Text(p, "actor")}",
        ["ProvisioningCompensated"] = p => Compensated(p),
        ["CancelProvisioning"] = p => $"Cancel requested by {Text(p, "actor")}",
        ["RetryProvisioning"] = p => $"Retry requested by {Text(p, "actor")}",
        ["RunProvisioningStep"] = p => $"Run step {Text(p, "step")}{Attempt(p)}",
        ["SnapshotAdviceTimedOut"] = _ => "The snapshot advisor did not answer in time",

        // Advisor.
        ["RecommendSnapshot"] = p => $"Snapshot recommendation requested for \"{Nested(p, "business", "name")}\"",
        ["SnapshotRecommended"] = p => Optional(p, "snapshotId") is { } s
            ? $"Advisor recommended {Optional(p, "snapshotName") ?? s} (confidence {Text(p, "confidence")}"
              + (Flag(p, "confident") ? ", confident)" : ", not confident)")
            : "Advisor had no recommendation",
        ["AdvisorBusiness"] = p => $"Business \"{Text(p, "name")}\"",

        // Auth.
        ["AgencyConnected"] = p => $"Agency \"{Text(p, "agencyName")}\" connected by {Text(p, "actor")}",
        ["AgencyDisconnected"] = p => $"Agency disconnected by {Text(p, "actor")}: {Text(p, "reason")}",
        ["AgencyNeedsReconnect"] = p => $"Agency must reconnect to GHL: {Text(p, "reason")}",
        ["ApiKeyCreated"] = p => $"API key \"{Text(p, "name")}\" created with role {Text(p, "role")} by {Text(p, "actor")}",
        ["ApiKeyRevoked"] = p => $"API key revoked by {Text(p, "actor")}",
        ["GhlLocationCreated"] = p => $"GHL location {Optional(p, "name") ?? Text(p, "locationId")} created",
        ["UserRoleChanged"] = p => $"User role changed from {Text(p, "oldRole")} to {Text(p, "newRole")} by {Text(p, "actor")}",
        ["UserSignedIn"] = p => $"User signed in as {Text(p, "role")}",
    };

    /// <summary>The short type names that have a sentence of their own (the rest get the generic summary).</summary>
    public static IReadOnlyCollection<string> DescribedTypes => Sentences.Keys;

    /// <summary>
    /// <c>area.kebab-name</c> for contracts (<c>provisioning.job-step-completed</c>, <c>auth.agency-connected</c>), the
    /// kebab-case short name for anything else.
    /// </summary>
    public static string ActionOf(string messageType)
    {
        var name = ShortName(messageType);
        var kebab = Kebab(name);
        if (!messageType.StartsWith(ContractsPrefix, StringComparison.Ordinal))
        {
            return kebab;
        }

        var area = messageType[ContractsPrefix.Length..^name.Length].TrimEnd('.');
        return area.Length == 0 ? kebab : $"{area.ToLowerInvariant()}.{kebab}";
    }

    public static string SummaryOf(string messageType, JsonElement payload)
    {
        var name = ShortName(messageType);
        var sentence = Sentences.TryGetValue(name, out var describe) && payload.ValueKind == JsonValueKind.Object
            ? describe(payload)
            : Words(name);
        return sentence.Length <= MaxSummaryLength ? sentence : sentence[..(MaxSummaryLength - 1)] + "…";
    }

    private static string Compensated(JsonElement p)
    {
        var undone = Count(p, "undone");
        var notUndone = p.TryGetProperty("notUndone", out var left) && left.ValueKind == JsonValueKind.Array
            ? left.EnumerateArray().Select(e => e.ToString()).ToList()
            : [];
        var text = $"Compensation by {Text(p, "actor")}: {undone} undone";
        return notUndone.Count == 0
            ? text + ", nothing left to undo by hand"
            : text + $", {notUndone.Count} left to undo by hand: {string.Join("; ", notUndone)}";
    }

    private static string ShortName(string messageType)
    {
        var dot = messageType.LastIndexOf('.');
        var name = dot < 0 ? messageType : messageType[(dot + 1)..];
        var plus = name.LastIndexOf('+'); // nested types: Outer+Inner
        return plus < 0 ? name : name[(plus + 1)..];
    }

    /// <summary>JobStepCompleted → job-step-completed; APIKey → api-key.</summary>
    private static string Kebab(string name) => string.Join('-', SplitWords(name)).ToLowerInvariant();

    /// <summary>JobStepCompleted → "Job step completed", the summary of a type without a sentence.</summary>
    private static string Words(string name)
    {
        var words = SplitWords(name).Select(w => w.ToLowerInvariant()).ToList();
        if (words.Count == 0)
        {
            return name;
        }

        words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
        return string.Join(' ', words);
    }

    private static IEnumerable<string> SplitWords(string name)
    {
        var word = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            // A word starts at an upper-case letter after a lower-case one or a digit, or at the last capital of an
            // acronym followed by lower case (APIKey → API, Key).
            var startsWord = char.IsUpper(c) && word.Length > 0
                && (!char.IsUpper(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])));
            if (!char.IsLetterOrDigit(c) || startsWord)
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }

                if (!char.IsLetterOrDigit(c))
                {
                    continue;
                }
            }

            word.Append(c);
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    private static string Attempt(JsonElement p) =>
        p.TryGetProperty("attempt", out var a) && a.TryGetInt32(out var n) && n > 1
            ? string.Create(CultureInfo.InvariantCulture, $" (attempt {n})")
            : "";

    private static bool Flag(JsonElement p, string name) =>
        p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static int Count(JsonElement p, string name) =>
        p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.GetArrayLength() : 0;

    private static string Text(JsonElement p, string name) => Optional(p, name) ?? "?";

    private static string Nested(JsonElement p, string outer, string name) =>
        p.TryGetProperty(outer, out var o) && o.ValueKind == JsonValueKind.Object ? Text(o, name) : "?";

    /// <summary>A property as text; null when absent, null or an empty string.</summary>
    private static string? Optional(JsonElement p, string name)
    {
        if (!p.TryGetProperty(name, out var v))
        {
            return null;
        }

        var text = v.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.String => v.GetString(),
            _ => v.GetRawText(),
        };
        return string.IsNullOrEmpty(text) ? null : text;
    }
}
