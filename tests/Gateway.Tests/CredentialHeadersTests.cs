using Microsoft.AspNetCore.Http;
using Provisioner.Gateway.TokenExchange;

namespace Provisioner.Gateway.Tests;

public sealed class CredentialHeadersTests
{
    private static readonly GatewayOptions Options = new();

    [Fact]
    public void Read_ApiKeyAsBearer_WinsOverKeyHeaderAndCookie()
    {
        var request = Request(("Authorization", "Bearer pvk_a"), ("X-Api-Key", "pvk_b"), ("Cookie", "provisioner.session=s"));

        var credential = CredentialHeaders.Read(request, Options);

        Assert.Equal(CredentialKind.ApiKey, credential?.Kind);
        Assert.Equal("pvk_a", credential?.Secret);
    }

    [Theory]
    [InlineData("Bearer eyJhbGciOiJFUzI1NiJ9.e30.c2ln")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    public void Read_OtherAuthorization_NothingToExchangeEvenWithKeyOrCookie(string authorization)
    {
        var request = Request(("Authorization", authorization), ("X-Api-Key", "pvk_b"), ("Cookie", "provisioner.session=s"));

        Assert.Null(CredentialHeaders.Read(request, Options));
    }

    [Fact]
    public void Read_KeyHeader_WinsOverCookie()
    {
        var credential = CredentialHeaders.Read(Request(("X-Api-Key", " pvk_b "), ("Cookie", "provisioner.session=s")), Options);

        Assert.Equal(CredentialKind.ApiKey, credential?.Kind);
        Assert.Equal("pvk_b", credential?.Secret);
    }

    [Fact]
    public void Read_ChunkedSessionCookie_AllChunksAsSent_OtherCookiesLeftOut()
    {
        var request = Request(
            ("Cookie", "theme=dark; provisioner.session=chunks-2; provisioner.sessionC1=a%2Bb"),
            ("Cookie", "provisioner.sessionC2=c; provisioner.sessionX=no; provisioner.sessionC=no"));

        var credential = CredentialHeaders.Read(request, Options);

        Assert.Equal(CredentialKind.SessionCookie, credential?.Kind);
        Assert.Equal("provisioner.session=chunks-2; provisioner.sessionC1=a%2Bb; provisioner.sessionC2=c", credential?.Secret);
    }

    [Theory]
    [InlineData("theme=dark")]
    [InlineData("provisioner.session=")]
    [InlineData("provisioner.sessions=x")]
    public void Read_NoSessionCookieValue_NothingToExchange(string cookie)
    {
        Assert.Null(CredentialHeaders.Read(Request(("Cookie", cookie)), Options));
    }

    [Fact]
    public void ReplaceWithJwt_SetsBearer_RemovesKeyHeaderAndSessionCookies_KeepsOtherCookies()
    {
        var request = Request(
            ("X-Api-Key", "pvk_b"),
            ("Cookie", "theme=dark; provisioner.session=chunks-2; provisioner.sessionC1=a"),
            ("Cookie", "provisioner.sessionC2=c; lang=en"));

        CredentialHeaders.ReplaceWithJwt(request, Options, "jwt");

        Assert.Equal("Bearer jwt", request.Headers.Authorization.ToString());
        Assert.False(request.Headers.ContainsKey("X-Api-Key"));
        Assert.Equal("theme=dark; lang=en", request.Headers.Cookie.ToString());
    }

    [Fact]
    public void ReplaceWithJwt_OnlySessionCookie_RemovesTheCookieHeader()
    {
        var request = Request(("Cookie", "provisioner.session=s"));

        CredentialHeaders.ReplaceWithJwt(request, Options, "jwt");

        Assert.False(request.Headers.ContainsKey("Cookie"));
    }

    private static HttpRequest Request(params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        foreach (var group in headers.GroupBy(h => h.Name))
        {
            context.Request.Headers[group.Key] = group.Select(h => h.Value).ToArray();
        }

        return context.Request;
    }
}
