extern alias web;

using System.ComponentModel.DataAnnotations;
using System.Text;
using Provisioner.Web.Tests.Infrastructure;
using web::Provisioner.Web.Operations;

namespace Provisioner.Web.Tests.Operations;

public sealed class RabbitMqManagementOptionsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("http://app:app@127.0.0.1:15672/")]
    [InlineData("https://ops:s%40fe@rabbit.internal/management/")]
    public void Validate_WithAbsentOrUsableUrl_Passes(string? url)
    {
        Assert.Empty(Validate(new RabbitMqManagementOptions { Url = url }));
    }

    [Theory]
    [InlineData("http://127.0.0.1:15672/")]
    [InlineData("http://justuser@127.0.0.1:15672/")]
    [InlineData("amqp://app:hunter2@127.0.0.1:5672/")]
    [InlineData("/api/queues")]
    public void Validate_WithUnusableUrl_FailsNamingFieldNotValue(string url)
    {
        var error = Assert.Single(Validate(new RabbitMqManagementOptions { Url = url }));

        Assert.Contains("RabbitMqManagementOptions:Url", error.ErrorMessage);
        Assert.DoesNotContain("hunter2", error.ErrorMessage);
        Assert.Equal(["Url"], error.MemberNames);
    }

    [Fact]
    public void TryParse_WithEncodedCredentials_MovesThemIntoBasicHeader()
    {
        var endpoint = RabbitMqManagementOptions.TryParse("https://ops:s%40fe@rabbit.internal:8443/management")!;

        Assert.Equal(new Uri("https://rabbit.internal:8443/management/"), endpoint.BaseAddress);
        Assert.Equal("Basic", endpoint.Authorization.Scheme);
        Assert.Equal("ops:s@fe", Encoding.UTF8.GetString(Convert.FromBase64String(endpoint.Authorization.Parameter!)));
    }

    [Fact]
    public async Task PortalStart_WithUnusableUrl_FailsNamingFieldNotValue()
    {
        await using var factory = new PortalFactory(new Dictionary<string, string?>
        {
            ["RabbitMqManagementOptions:Url"] = "ftp://app:hunter2@127.0.0.1/",
        });

        var error = Record.Exception(() => factory.Start());

        Assert.NotNull(error);
        Assert.Contains("RabbitMqManagementOptions:Url", error.ToString());
        Assert.DoesNotContain("hunter2", error.ToString());
    }

    [Fact]
    public async Task PortalStart_WithZeroRefreshInterval_FailsNamingField()
    {
        await using var factory = new PortalFactory(new Dictionary<string, string?>
        {
            ["OperationsOptions:RefreshInterval"] = "00:00:00",
        });

        var error = Record.Exception(() => factory.Start());

        Assert.NotNull(error);
        Assert.Contains(nameof(OperationsOptions.RefreshInterval), error.ToString());
    }

    private static List<ValidationResult> Validate(RabbitMqManagementOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
