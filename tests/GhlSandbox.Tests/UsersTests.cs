using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Provisioner.GhlSandbox.Tests;

public sealed class UsersTests(SharedSandbox shared) : IClassFixture<SharedSandbox>
{
    [Fact]
    public async Task CreateUser_DuplicateEmailInAnyCase_Returns400()
    {
        var factory = shared.Factory;
        var session = new GhlSession(factory);
        var agency = await session.CompanyAccessTokenAsync();
        var locationId = await session.CreateLocationAsync(agency, SandboxFactory.NorthStarId, null);
        var email = $"lee.{Guid.NewGuid():N}@brightsmiles.example";

        using var first = await CreateAsync(session, agency, locationId, email);
        using var second = await CreateAsync(session, agency, locationId, email.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("already exists", (await GhlSession.JsonAsync(second)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task CreateUser_EmailOfAnotherAgencysAdmin_Returns400()
    {
        var factory = shared.Factory;
        var session = new GhlSession(factory);
        var agency = await session.CompanyAccessTokenAsync();
        var locationId = await session.CreateLocationAsync(agency, SandboxFactory.NorthStarId, null);

        using var response = await CreateAsync(session, agency, locationId, "marcus.reyes@peaklocalmedia.example");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task FilterByEmail_ExistingUser_FindsItWithIdAndEmailOnly()
    {
        var factory = shared.Factory;
        var session = new GhlSession(factory);
        var agency = await session.CompanyAccessTokenAsync();

        using var response = await session.SendJsonAsync(HttpMethod.Post, "/users/search/filter-by-email", agency,
            new { companyId = SandboxFactory.NorthStarId, emails = "olivia.bennett@northstardigital.example,nobody@x.example" });
        var body = await GhlSession.JsonAsync(response);

        Assert.Equal(1, body.GetProperty("count").GetInt32());
        var user = body.GetProperty("users")[0];
        Assert.Equal("Ua1NsB3kLp9QwE5rT7yZ", user.GetProperty("id").GetString());
        Assert.False(user.TryGetProperty("firstName", out _));
    }

    [Fact]
    public async Task UpdateUser_ChangeEmail_Returns400()
    {
        var factory = shared.Factory;
        var session = new GhlSession(factory);
        var agency = await session.CompanyAccessTokenAsync();

        using var response = await session.SendJsonAsync(HttpMethod.Put, "/users/Ua1NsB3kLp9QwE5rT7yZ", agency, new { email = "new@northstardigital.example" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task State_AfterCreateUser_NeverShowsPassword()
    {
        var factory = shared.Factory;
        var session = new GhlSession(factory);
        var agency = await session.CompanyAccessTokenAsync();
        var locationId = await session.CreateLocationAsync(agency, SandboxFactory.NorthStarId, null);
        using var created = await CreateAsync(session, agency, locationId, $"p.{Guid.NewGuid():N}@brightsmiles.example");

        var state = await session.Http.GetStringAsync("/_sandbox/state");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain("S3cure!Passw0rd", state);
        Assert.DoesNotContain("password", state, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(agency, state);
    }

    private static Task<HttpResponseMessage> CreateAsync(GhlSession session, string token, string locationId, string email) =>
        session.SendJsonAsync(HttpMethod.Post, "/users/", token, new
        {
            companyId = SandboxFactory.NorthStarId, firstName = "Lee", lastName = "Park", email, password = "S3cure!Passw0rd",
            type = "account", role = "user", locationIds = new[] { locationId },
        });
}
