using System.ComponentModel.DataAnnotations;
using Provisioner.AuditService.Apis;
using Provisioner.AuditService.Ingestion;
using Provisioner.AuditService.Security;
using Provisioner.AuditService.Tests.Messages;
using Provisioner.ServiceDefaults.Authentication;

namespace Provisioner.AuditService.Tests;

public sealed class AuditOptionsTests
{
    [Fact]
    public void AuthOptions_NoKeySource_Invalid()
    {
        var options = new ServiceAuthOptions { JwksUrl = null, SigningKeyPem = null };

        var errors = Validate(options);

        Assert.Contains(errors, e => e.MemberNames.Contains(nameof(ServiceAuthOptions.JwksUrl)));
    }

    [Fact]
    public void AuthOptions_RelativeJwksUrl_Invalid()
    {
        var options = new ServiceAuthOptions { JwksUrl = new Uri("/jwks.json", UriKind.Relative) };

        Assert.Contains(Validate(options), e => e.MemberNames.Contains(nameof(ServiceAuthOptions.JwksUrl)));
    }

    [Fact]
    public void AuthOptions_Defaults_Valid() => Assert.Empty(Validate(new ServiceAuthOptions()));

    [Fact]
    public void Discover_TestAssemblyAndNamespace_OnlyMessageRecordsOfThatNamespace()
    {
        var types = ContractCatalog.Discover(new AuditIngestionOptions
        {
            ContractAssemblies = ["AuditService.Tests"],
            ContractNamespaces = ["Provisioner.AuditService.Tests.Messages"],
        });

        Assert.Equal([typeof(TestBareNotice), typeof(TestCredentialsRotated), typeof(TestStepCompleted)], types);
    }

    [Fact]
    public void Query_ValidValues_Parsed()
    {
        var query = new AuditQuery(" LocationCreated ", null, "", "2025-01-01T00:00:00+02:00", null, null, "2", "10");

        Assert.True(query.TryParse(out var filter, out _));
        Assert.Equal("LocationCreated", filter.Type);
        Assert.Null(filter.Actor);
        Assert.Equal(new DateTimeOffset(2024, 12, 31, 22, 0, 0, TimeSpan.Zero), filter.From);
        Assert.Equal((2, 10), (filter.Page, filter.PageSize));
    }

    [Fact]
    public void Query_TooLongText_ErrorNamesField()
    {
        var query = new AuditQuery(null, null, null, null, null, new string('x', 300), null, null);

        Assert.False(query.TryParse(out _, out var errors));
        Assert.Equal(["q"], errors.Keys);
    }

    private static List<ValidationResult> Validate(object options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
