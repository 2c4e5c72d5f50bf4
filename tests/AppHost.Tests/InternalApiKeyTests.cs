using Provisioner.AppHost.Model;
using Provisioner.ServiceDefaults;

namespace Provisioner.AppHost.Tests;

public sealed class InternalApiKeyTests
{
    [Fact]
    public void Declare_AuthAndItsCallers_ShareThisRunsKey()
    {
        var builder = TestModel.Builder();
        var auth = builder.AddProject(ResourceNames.Auth, "AuthService").AcceptsInternalKey(builder.InternalApiKey);
        var provisioning = builder.AddProject(ResourceNames.Provisioning, "ProvisioningService").PresentsInternalKey(builder.InternalApiKey);
        var advisor = builder.AddProject(ResourceNames.Advisor, "SnapshotAdvisor").PresentsInternalKey(builder.InternalApiKey);

        var accepted = TestModel.EnvironmentOf(builder, ResourceNames.Auth)["InternalApiOptions__Keys__0"];

        Assert.Equal(builder.InternalApiKey, accepted);
        Assert.Equal(accepted, TestModel.EnvironmentOf(builder, ResourceNames.Provisioning)["GhlTokenProviderOptions__InternalKey"]);
        Assert.Equal(accepted, TestModel.EnvironmentOf(builder, ResourceNames.Advisor)["GhlTokenProviderOptions__InternalKey"]);
        Assert.DoesNotContain("GhlTokenProviderOptions__InternalKey", auth.Environment.Keys);
        Assert.DoesNotContain("InternalApiOptions__Keys__0", provisioning.Environment.Keys);
        Assert.DoesNotContain("InternalApiOptions__Keys__0", advisor.Environment.Keys);
    }

    [Fact]
    public void InternalApiKey_EachRun_IsANewLongRandomKey()
    {
        var first = TestModel.Builder().InternalApiKey;
        var second = TestModel.Builder().InternalApiKey;

        Assert.NotEqual(first, second);
        Assert.Equal(43, first.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", first);
    }
}
