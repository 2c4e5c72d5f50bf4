using Provisioner.GhlClient.Apis;
using Provisioner.GhlClient.Models;

namespace Provisioner.GhlClient.Tests.Contract;

/// <summary>Every operation of the client, with its spec path and its request/response models.</summary>
internal static class ContractOperations
{
    private static readonly GhlTokenRequest Agency = GhlTokenRequest.Agency("c-1");

    public static readonly IReadOnlyList<ContractOperation> All =
    [
        new("oauth.token.exchange", "oauth", "POST", "/oauth/token", null, typeof(GhlTokenResponse), null,
            async (h, _) => await h.OAuth.ExchangeCodeAsync("code-1", GhlUserType.Company, "https://app.example/cb")),
        new("oauth.token.refresh", "oauth", "POST", "/oauth/token", null, typeof(GhlTokenResponse), null,
            async (h, _) => await h.OAuth.RefreshTokenAsync("refresh-1", GhlUserType.Location)),
        new("oauth.locationToken", "oauth", "POST", "/oauth/locationToken", null, typeof(GhlLocationTokenResponse), null,
            async (h, _) => await h.OAuth.GetLocationTokenAsync("c-1", "loc-1")),
        new("oauth.installedLocations", "oauth", "GET", "/oauth/installedLocations", null, typeof(GhlInstalledLocationsPage), null,
            async (h, _) => await h.OAuth.GetInstalledLocationsAsync(new GhlInstalledLocationsQuery("c-1")
            {
                Skip = 0, Limit = 20, Query = "shoes", IsInstalled = true, VersionId = "v-1", OnTrial = false, PlanId = "p-1", LocationId = "loc-1",
            })),
        new("companies.get", "companies", "GET", "/companies/{companyId}", null, typeof(GhlCompanyEnvelope), "company",
            async (h, _) => await h.Companies.GetAsync("c-1")),
        new("locations.create", "locations", "POST", "/locations/", typeof(GhlCreateLocationRequest), typeof(GhlLocation), null,
            async (h, body) => await h.Locations.CreateAsync((GhlCreateLocationRequest)body!)),
        new("locations.get", "locations", "GET", "/locations/{locationId}", null, typeof(GhlLocationEnvelope), "location",
            async (h, _) => await h.Locations.GetAsync(Agency, "loc-1")),
        new("locations.update", "locations", "PUT", "/locations/{locationId}", typeof(GhlUpdateLocationRequest), typeof(GhlLocation), null,
            async (h, body) => await h.Locations.UpdateAsync("loc-1", (GhlUpdateLocationRequest)body!)),
        new("locations.delete", "locations", "DELETE", "/locations/{locationId}", null, typeof(GhlLocationDeleted), null,
            async (h, _) => await h.Locations.DeleteAsync("c-1", "loc-1", deleteTwilioAccount: false)),
        new("locations.search", "locations", "GET", "/locations/search", null, typeof(GhlLocationSearchEnvelope), "locations",
            async (h, _) => await h.Locations.SearchAsync(Agency, new GhlLocationSearchQuery
            {
                CompanyId = "c-1", Skip = 0, Limit = 10, Order = "asc", Email = "a@b.c",
            })),
        new("snapshots.list", "snapshots", "GET", "/snapshots/", null, typeof(GhlSnapshotsEnvelope), "snapshots",
            async (h, _) => await h.Snapshots.ListAsync("c-1")),
        new("snapshots.status", "snapshots", "GET", "/snapshots/snapshot-status/{snapshotId}/location/{locationId}", null,
            typeof(GhlSnapshotStatusEnvelope), "data", async (h, _) => await h.Snapshots.GetLoadStatusAsync("c-1", "snap-1", "loc-1")),
        new("customValues.list", "locations", "GET", "/locations/{locationId}/customValues", null, typeof(GhlCustomValuesEnvelope), "customValues",
            async (h, _) => await h.CustomValues.ListAsync("loc-1")),
        new("customValues.create", "locations", "POST", "/locations/{locationId}/customValues", typeof(GhlCustomValueRequest),
            typeof(GhlCustomValueEnvelope), "customValue", async (h, body) => await h.CustomValues.CreateAsync("loc-1", (GhlCustomValueRequest)body!)),
        new("customValues.get", "locations", "GET", "/locations/{locationId}/customValues/{id}", null, typeof(GhlCustomValueEnvelope), "customValue",
            async (h, _) => await h.CustomValues.GetAsync("loc-1", "cv-1")),
        new("customValues.update", "locations", "PUT", "/locations/{locationId}/customValues/{id}", typeof(GhlCustomValueRequest),
            typeof(GhlCustomValueEnvelope), "customValue",
            async (h, body) => await h.CustomValues.UpdateAsync("loc-1", "cv-1", (GhlCustomValueRequest)body!)),
        new("customValues.delete", "locations", "DELETE", "/locations/{locationId}/customValues/{id}", null, typeof(GhlCustomValueDeleted), null,
            async (h, _) => await h.CustomValues.DeleteAsync("loc-1", "cv-1")),
        new("users.create", "users", "POST", "/users/", typeof(GhlCreateUserRequest), typeof(GhlUser), null,
            async (h, body) => await h.Users.CreateAsync((GhlCreateUserRequest)body!)),
        new("users.listByLocation", "users", "GET", "/users/", null, typeof(GhlUsersEnvelope), "users",
            async (h, _) => await h.Users.ListByLocationAsync("loc-1")),
        new("users.search", "users", "GET", "/users/search", null, typeof(GhlUserSearchResult), null,
            async (h, _) => await h.Users.SearchAsync(Agency, new GhlUserSearchQuery("c-1")
            {
                Query = "john", Skip = 0, Limit = 25, LocationId = "loc-1", Type = "account", Role = "admin", Ids = "u-1,u-2",
                Sort = "dateAdded", SortDirection = "asc", Enabled2WaySync = true,
            })),
        new("users.filterByEmail", "users", "POST", "/users/search/filter-by-email", typeof(GhlFilterUsersByEmailRequest),
            typeof(GhlUserSearchResult), null, async (h, body) => await h.Users.FilterByEmailAsync((GhlFilterUsersByEmailRequest)body!)),
        new("users.get", "users", "GET", "/users/{userId}", null, typeof(GhlUser), null,
            async (h, _) => await h.Users.GetAsync(Agency, "u-1")),
        new("users.update", "users", "PUT", "/users/{userId}", typeof(GhlUpdateUserRequest), typeof(GhlUser), null,
            async (h, body) => await h.Users.UpdateAsync(Agency, "u-1", (GhlUpdateUserRequest)body!)),
        new("users.delete", "users", "DELETE", "/users/{userId}", null, typeof(GhlUserDeleted), null,
            async (h, _) => await h.Users.DeleteAsync(Agency, "u-1")),
    ];
}
