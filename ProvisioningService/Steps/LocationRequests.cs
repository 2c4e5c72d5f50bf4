using Provisioner.GhlClient.Models;
using Provisioner.ProvisioningService.Intake;

namespace Provisioner.ProvisioningService.Steps;

/// <summary>The intake's business as GHL's <c>CreateLocationDto</c>.</summary>
internal static class LocationRequests
{
    public static GhlCreateLocationRequest Create(string agencyId, string snapshotId, ValidatedIntake intake)
    {
        var business = intake.Business;
        return new GhlCreateLocationRequest
        {
            CompanyId = agencyId,
            Name = business.Name,
            Phone = business.Phone,
            Address = business.Address,
            City = business.City,
            State = business.State,
            Country = business.Country,
            PostalCode = business.PostalCode,
            Website = business.Website,
            Timezone = business.Timezone,
            ProspectInfo = Prospect(intake),
            SnapshotId = snapshotId,
        };
    }

    /// <summary>
    /// The location's e-mail comes from <c>prospectInfo</c> (GHL's create has no e-mail field of its own), and it is
    /// what <c>/locations/search</c> can find the location by after a crash. prospectInfo needs a person's name too:
    /// the first admin of the intake, else its first user, else the business name.
    /// </summary>
    private static GhlProspectInfo Prospect(ValidatedIntake intake)
    {
        var person = intake.Users.FirstOrDefault(u => u.Role == "admin") ?? intake.Users.FirstOrDefault();
        return new GhlProspectInfo
        {
            FirstName = person?.FirstName ?? intake.Business.Name,
            LastName = person?.LastName ?? "Contact",
            Email = intake.Business.Email,
        };
    }
}
