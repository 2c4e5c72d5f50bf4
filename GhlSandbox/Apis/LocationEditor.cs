using Provisioner.GhlSandbox.Infrastructure;
using Provisioner.GhlSandbox.Model;

namespace Provisioner.GhlSandbox.Apis;

/// <summary>Validates and applies a create/update body to a location.</summary>
public static class LocationEditor
{
    public static GhlError? Validate(LocationRequest body, bool creating)
    {
        if (creating && string.IsNullOrWhiteSpace(body.Name))
        {
            return GhlError.BadRequest("name should not be empty");
        }

        if (string.IsNullOrWhiteSpace(body.CompanyId))
        {
            return GhlError.BadRequest("companyId should not be empty");
        }

        if (body.Country is { } country && (country.Length != 2 || !country.All(char.IsAsciiLetterUpper)))
        {
            return GhlError.BadRequest("country must be a valid ISO 3166-1 alpha-2 code");
        }

        if (body.ProspectInfo is { } p && (string.IsNullOrWhiteSpace(p.FirstName) || string.IsNullOrWhiteSpace(p.LastName) || string.IsNullOrWhiteSpace(p.Email)))
        {
            return GhlError.BadRequest("prospectInfo requires firstName, lastName and email");
        }

        return body.Snapshot is { Id: null or "" } ? GhlError.BadRequest("snapshot.id should not be empty") : null;
    }

    public static void Apply(LocationRecord location, LocationRequest body)
    {
        location.Name = body.Name ?? location.Name;
        location.Phone = body.Phone ?? location.Phone;
        location.Address = body.Address ?? location.Address;
        location.City = body.City ?? location.City;
        location.State = body.State ?? location.State;
        location.Country = body.Country ?? location.Country;
        location.PostalCode = body.PostalCode ?? location.PostalCode;
        location.Website = body.Website ?? location.Website;
        location.Timezone = body.Timezone ?? location.Timezone;
        location.Settings = body.Settings ?? location.Settings;
        location.Social = body.Social ?? location.Social;
        if (body.ProspectInfo is { } prospect)
        {
            (location.FirstName, location.LastName, location.Email) = (prospect.FirstName, prospect.LastName, prospect.Email);
        }
    }
}
