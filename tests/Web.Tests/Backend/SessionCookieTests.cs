extern alias web;

using Microsoft.AspNetCore.Http;
using web::Provisioner.Web.Session;

namespace Provisioner.Web.Tests.Backend;

public sealed class SessionCookieTests
{
    [Fact]
    public void HeaderFrom_WithChunkedSessionAndOtherCookies_KeepsOnlyTheSessionFamily()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = "theme=dark; provisioner.session=chunks-2; provisioner.sessionC1=AAA-_; provisioner.sessionC2=BBB; .AspNetCore.Antiforgery.x=y";

        var header = SessionCookie.HeaderFrom(context.Request.Cookies);

        Assert.Equal("provisioner.session=chunks-2; provisioner.sessionC1=AAA-_; provisioner.sessionC2=BBB", header);
    }

    [Fact]
    public void HeaderFrom_WithoutSession_IsNull()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = "theme=dark";

        Assert.Null(SessionCookie.HeaderFrom(context.Request.Cookies));
    }
}
