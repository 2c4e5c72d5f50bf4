namespace Provisioner.GhlClient.Models;

/// <summary>How secrets appear in text: whether one was present, never any part of it.</summary>
internal static class Redaction
{
    public const string Redacted = "[redacted]";

    public static string Mask(string? secret) => secret is null ? "null" : Redacted;
}
