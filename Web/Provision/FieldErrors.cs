namespace Provisioner.Web.Provision;

/// <summary>
/// A server ValidationProblem's errors, looked up by field path so each input shows its own message. Keys the form
/// has no input for (a header, the body) are listed apart by <see cref="Unplaced"/>.
/// </summary>
public sealed class FieldErrors(IReadOnlyDictionary<string, string[]> errors)
{
    public static FieldErrors None { get; } = new(new Dictionary<string, string[]>());

    public bool Any => errors.Count > 0;

    public bool Has(string field) => errors.ContainsKey(field);

    public string? For(string field) => errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    public IEnumerable<KeyValuePair<string, string[]>> Unplaced(Func<string, bool> isPlaced) =>
        errors.Where(e => !isPlaced(e.Key));
}
