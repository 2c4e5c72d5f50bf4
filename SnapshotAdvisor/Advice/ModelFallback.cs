namespace Provisioner.SnapshotAdvisor.Advice;

/// <summary>Why the model's answer was not used; <see cref="Code"/> goes into the response, Detail into the log.</summary>
public sealed record ModelFallback(string Code, string Detail)
{
    public const string Timeout = "timeout";
    public const string Error = "error";
    public const string Malformed = "malformed";
    public const string UnknownSnapshot = "unknown-snapshot";
}
