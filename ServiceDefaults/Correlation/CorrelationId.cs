using System.Buffers;

namespace Provisioner.ServiceDefaults.Correlation;

/// <summary>
/// The id that ties one user action together across HTTP hops and messages. It travels as the
/// <see cref="HeaderName"/> header and lives in an async-local for the code running on its behalf.
/// </summary>
public static class CorrelationId
{
    public const string HeaderName = "X-Correlation-Id";
    public const int MaxLength = 128;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:");

    private static readonly AsyncLocal<string?> CurrentValue = new();

    /// <summary>The correlation id of the work in progress, if any.</summary>
    public static string? Current
    {
        get => CurrentValue.Value;
        set => CurrentValue.Value = value;
    }

    public static string New() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// A caller-supplied id is kept only if it is short and made of safe characters: it ends up in logs and
    /// headers, so anything else is replaced rather than echoed.
    /// </summary>
    public static bool IsValid(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxLength && !value.AsSpan().ContainsAnyExcept(Allowed);
}
