extern alias web;

using web::Provisioner.Web.Session;

namespace Provisioner.Web.Tests;

public sealed class AgencyConnectionStateTests
{
    [Fact]
    public void Set_WithNewConnection_RaisesChangedOnce()
    {
        var state = new AgencyConnectionState();
        var changes = 0;
        state.Changed += () => changes++;

        state.Set(new AgencyConnection("company-1", "Acme Agency"));
        state.Set(new AgencyConnection("company-1", "Acme Agency"));

        Assert.Equal(1, changes);
        Assert.Equal("Acme Agency", state.Current!.AgencyName);
    }

    [Fact]
    public void Current_BeforeAnyoneSetsIt_IsEmpty()
    {
        Assert.Null(new AgencyConnectionState().Current);
    }
}
