using Microsoft.Extensions.Options;
using Provisioner.ServiceDefaults;

namespace Provisioner.AppHost.Tests;

public sealed class AppHostOptionsTests
{
    [Fact]
    public void Create_Defaults_UseTheDocumentedPorts()
    {
        var options = TestModel.Builder().Options;

        Assert.Equal(
            [(ResourceNames.GhlSandbox, 8090), (ResourceNames.Auth, 5101), (ResourceNames.Provisioning, 5102), (ResourceNames.Advisor, 5103),
             (ResourceNames.Audit, 5104), (ResourceNames.Web, 5105), (ResourceNames.Gateway, 8080)],
            options.Ports.All());
    }

    [Fact]
    public void Create_TwoServicesOnOnePort_FailsNamingBoth()
    {
        var error = Assert.Throws<OptionsValidationException>(() => TestModel.Builder(("AppHost:Ports:Web", "5101")));

        Assert.Contains("auth and web share port 5101", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_PortOutOfRange_FailsNamingTheField()
    {
        var error = Assert.Throws<OptionsValidationException>(() => TestModel.Builder(("AppHost:Ports:Gateway", "70000")));

        Assert.Contains("Ports.Gateway", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_RealGhlWithTheSandboxSecret_Fails()
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            TestModel.Builder(("AppHost:Ghl:BaseUrl", "https://services.leadconnectorhq.com")));

        Assert.Contains("Ghl.ClientSecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_DatabasePrefixWithQuote_Fails()
    {
        var error = Assert.Throws<OptionsValidationException>(() => TestModel.Builder(("AppHost:DatabaseNamePrefix", "x\";drop")));

        Assert.Contains("DatabaseNamePrefix", error.Message, StringComparison.Ordinal);
    }
}
