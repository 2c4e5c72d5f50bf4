using Microsoft.EntityFrameworkCore;
using Provisioner.ProvisioningService.Data;

namespace Provisioner.ProvisioningService.Intake;

/// <summary>
/// The agency-wide custom value templates, applied to an intake before it is validated: every template whose name
/// the intake does not give itself is added to the intake's custom values, so it is then checked, resolved and
/// reported (<c>customValues[name]</c>) exactly like a value the client sent. The intake's own value wins.
/// </summary>
public sealed class AgencyTemplates(ProvisioningDbContext db)
{
    /// <summary>The agency's templates by name; load once per request and apply to each of its intakes.</summary>
    public async Task<IReadOnlyDictionary<string, string>> LoadAsync(string agencyId, CancellationToken ct) =>
        await db.CustomValueTemplates.AsNoTracking()
            .Where(t => t.AgencyId == agencyId)
            .ToDictionaryAsync(t => t.Name, t => t.Value, StringComparer.Ordinal, ct);

    /// <summary><paramref name="request"/> with the templates it does not override; the same request when there are none to add.</summary>
    public static ProvisionRequest Apply(ProvisionRequest request, IReadOnlyDictionary<string, string> templates)
    {
        if (templates.Count == 0)
        {
            return request;
        }

        // Names compare as the validator stores them: trimmed, case-sensitive ("Booking Link " overrides "Booking Link").
        var given = (request.CustomValues ?? []).Keys.Select(k => k.Trim()).ToHashSet(StringComparer.Ordinal);
        var merged = new Dictionary<string, string?>(request.CustomValues ?? [], StringComparer.Ordinal);
        foreach (var (name, value) in templates)
        {
            if (!given.Contains(name))
            {
                merged[name] = value;
            }
        }

        return request with { CustomValues = merged };
    }
}
