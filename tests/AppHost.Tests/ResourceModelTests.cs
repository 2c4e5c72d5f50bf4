using Provisioner.AppHost.Model;
using Provisioner.ServiceDefaults;

namespace Provisioner.AppHost.Tests;

public sealed class ResourceModelTests
{
    [Fact]
    public void StartOrder_DeclaredBeforeDependencies_PutsDependenciesFirst()
    {
        var model = new ResourceModel("Development", new Dictionary<string, string>());
        var gateway = new ProjectResource(ResourceNames.Gateway, "Gateway", 1);
        var auth = new ProjectResource(ResourceNames.Auth, "AuthService", 2);
        var web = new ProjectResource(ResourceNames.Web, "Web", 3).WaitFor(auth);
        gateway.WaitFor(web).WaitFor(auth);
        model.Add(gateway);
        model.Add(web);
        model.Add(auth);

        var order = model.StartOrder().Select(p => p.Name);

        Assert.Equal([ResourceNames.Auth, ResourceNames.Web, ResourceNames.Gateway], order);
    }

    [Fact]
    public void StartOrder_Cycle_ThrowsNamingAResource()
    {
        var model = new ResourceModel("Development", new Dictionary<string, string>());
        var a = new ProjectResource("a", "A", 1);
        var b = new ProjectResource("b", "B", 2).WaitFor(a);
        a.WaitFor(b);
        model.Add(a);
        model.Add(b);

        var error = Assert.Throws<InvalidOperationException>(() => model.StartOrder());

        Assert.Contains("cycle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_SameNameTwice_Throws()
    {
        var model = new ResourceModel("Development", new Dictionary<string, string>());
        model.Add(new ProjectResource("a", "A", 1));

        Assert.Throws<InvalidOperationException>(() => model.Add(new ProjectResource("a", "B", 2)));
    }
}
