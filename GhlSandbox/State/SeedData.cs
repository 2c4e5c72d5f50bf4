using System.Text.Json;
using Provisioner.GhlSandbox.Model;

namespace Provisioner.GhlSandbox.State;

/// <summary>Builds the initial state from the embedded Seed/seed-data.json: agencies, admins, snapshot libraries.</summary>
public static class SeedData
{
    public static SandboxState Create()
    {
        using var stream = typeof(SeedData).Assembly.GetManifestResourceStream("GhlSandbox.seed-data.json")
            ?? throw new InvalidOperationException("The embedded seed data is missing from the GhlSandbox assembly.");
        var seed = JsonSerializer.Deserialize<SeedDocument>(stream, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("The embedded seed data is empty.");

        var state = new SandboxState();
        foreach (var company in seed.Companies)
        {
            state.Companies.Add(new CompanyRecord
            {
                Id = company.Id, Name = company.Name, Email = company.Email, Phone = company.Phone,
                Website = company.Website, Address = company.Address, City = company.City, State = company.State,
                PostalCode = company.PostalCode, Country = company.Country, Timezone = company.Timezone,
                Domain = company.Domain, RelationshipNumber = company.RelationshipNumber,
            });
            state.Users.Add(new UserRecord
            {
                Id = company.Admin.Id, CompanyId = company.Id, FirstName = company.Admin.FirstName,
                LastName = company.Admin.LastName, Email = company.Admin.Email, Phone = company.Admin.Phone,
                Type = "agency", Role = "admin", PlatformLanguage = "en_US",
            });
            state.Snapshots.AddRange(company.Snapshots.Select(s => new SnapshotRecord
            {
                Id = s.Id, CompanyId = company.Id, Name = s.Name, Type = s.Type, Niche = s.Niche,
                CustomValues = [.. s.Values.Select(v => new SnapshotValue(v.Key, v.Value))],
            }));
        }

        return state;
    }

    private sealed record SeedDocument(List<SeedCompany> Companies);

    private sealed record SeedCompany(
        string Id, string Name, string? Email, string? Phone, string? Website, string? Address, string? City,
        string? State, string? PostalCode, string? Country, string? Timezone, string? Domain,
        string? RelationshipNumber, SeedUser Admin, List<SeedSnapshot> Snapshots);

    private sealed record SeedUser(string Id, string FirstName, string LastName, string Email, string? Phone);

    private sealed record SeedSnapshot(string Id, string Name, string Type, string? Niche, Dictionary<string, string> Values);
}
