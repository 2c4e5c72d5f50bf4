namespace Provisioner.Web.Errors;

/// <summary>
/// What went wrong, in ProblemDetails terms (RFC 9457), ready to show: a title, an optional detail, and the
/// validation errors by field name.
/// </summary>
public sealed record ProblemInfo(string Title, string? Detail = null, int? Status = null)
{
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();
}
