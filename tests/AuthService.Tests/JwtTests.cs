using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Provisioner.AuthService.Tests;

public sealed class JwtTests(AuthWorldFixture fixture) : IClassFixture<AuthWorldFixture>
{
    [Fact]
    public async Task Token_WithSession_IssuesEs256JwtVerifiableWithJwks()
    {
        var companyId = TestAgency.NewCompanyId();
        var browser = await fixture.World.ConnectAsync(companyId, "u1");

        var issued = await (await browser.PostAsync("/api/auth/token", null)).Content.ReadFromJsonAsync<JsonElement>();
        var result = await ValidateAsync(issued.GetProperty("access_token").GetString()!);

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("ES256", ((JsonWebToken)result.SecurityToken).Alg);
        Assert.Equal(companyId, result.Claims["agency"]);
        Assert.Equal("admin", result.Claims["role"]);
        Assert.True(issued.GetProperty("expires_in").GetInt32() is > 0 and <= 3600);
    }

    [Fact]
    public async Task Token_WithApiKey_CarriesTheKeyRole()
    {
        var browser = await fixture.World.ConnectAsync(TestAgency.NewCompanyId(), "u1");
        var key = await ApiKeyTests.CreateKeyAsync(browser, "gateway", "viewer");
        var client = fixture.World.Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.GetProperty("key").GetString());

        var issued = await (await client.PostAsync("/api/auth/token", null)).Content.ReadFromJsonAsync<JsonElement>();
        var result = await ValidateAsync(issued.GetProperty("access_token").GetString()!);

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("viewer", result.Claims["role"]);
        Assert.Equal($"apikey:{key.GetProperty("id").GetString()}", result.Claims["sub"]);
    }

    [Fact]
    public async Task Token_Anonymous_Unauthorized()
    {
        var response = await fixture.World.Host.CreateClient().PostAsync("/api/auth/token", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Token_SignedByAnotherKey_FailsValidation()
    {
        using var stranger = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "provisioner-auth", Audience = "provisioner", Claims = new Dictionary<string, object> { ["agency"] = "x", ["role"] = "admin" },
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(stranger), SecurityAlgorithms.EcdsaSha256),
        });

        var result = await ValidateAsync(forged);

        Assert.False(result.IsValid);
    }

    private async Task<TokenValidationResult> ValidateAsync(string token)
    {
        var jwks = new JsonWebKeySet(await fixture.World.Host.CreateClient().GetStringAsync("/api/auth/.well-known/jwks.json"));
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "provisioner-auth",
            ValidAudience = "provisioner",
            IssuerSigningKeys = jwks.GetSigningKeys(),
        });
    }
}
