extern alias web;

using web::Provisioner.Web.Backend;

namespace Provisioner.Web.Tests.Contracts;

public sealed class ApiRouteTests
{
    private static readonly ApiRoute Route = new("advisor", HttpMethod.Put, "/api/snapshots/{id}/defaults/{name}");

    [Fact]
    public void Path_Values_FillPlaceholdersInOrderEscaped()
    {
        Assert.Equal("/api/snapshots/a%2Fb/defaults/Booking%20Link", Route.Path("a/b", "Booking Link"));
    }

    [Fact]
    public void NewRequest_Values_UsesMethodAndDiscoveryUrl()
    {
        using var request = Route.NewRequest("s1", "n");

        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.Equal(new Uri("http://advisor/api/snapshots/s1/defaults/n"), request.RequestUri);
    }

    [Fact]
    public void UrlWithQuery_Query_Appended()
    {
        Assert.Equal(new Uri("http://advisor/api/snapshots/s1/defaults/n?x=1"), Route.UrlWithQuery("?x=1", "s1", "n"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Path_WrongNumberOfValues_Throws(int count)
    {
        var values = Enumerable.Range(0, count).Select(i => (object)i).ToArray();

        Assert.Throws<ArgumentException>(() => Route.Path(values));
    }
}
