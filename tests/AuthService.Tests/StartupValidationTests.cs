using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Provisioner.AuthService.Internal;

namespace Provisioner.AuthService.Tests;

public sealed class StartupValidationTests
{
    private const string UnusedDatabase = "Host=127.0.0.1;Port=1;Database=never_opened";

    [Fact]
    public async Task Start_OutsideDevelopmentWithBadVaultKey_FailsWithoutGeneratingOne()
    {
        await using var host = new AuthHost(UnusedDatabase, "http://127.0.0.1:1", new Dictionary<string, string>
        {
            ["TokenVaultOptions:Keys:k9"] = "c2hvcnQ=",
            ["TokenVaultOptions:ActiveKeyId"] = "k9",
        });

        var error = Record.Exception(() => host.Services);

        var validation = FindValidationError(error);
        Assert.Contains("'k9'", validation.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2hvcnQ=", validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithoutGhlClientCredentials_Fails()
    {
        await using var host = new AuthHost(UnusedDatabase, "http://127.0.0.1:1", new Dictionary<string, string>
        {
            ["GhlClientOptions:ClientSecret"] = "",
        });

        var validation = FindValidationError(Record.Exception(() => host.Services));

        Assert.Contains("ClientSecret", validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithShortInternalKey_FailsWithoutEchoingIt()
    {
        await using var host = new AuthHost(UnusedDatabase, "http://127.0.0.1:1", new Dictionary<string, string>
        {
            ["InternalApiOptions:Keys:0"] = "too-short-key",
        });

        var validation = FindValidationError(Record.Exception(() => host.Services));

        Assert.Contains("InternalApiOptions:Keys:0", validation.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("too-short-key", validation.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production", false)]
    [InlineData("Testing", false)]
    [InlineData("Development", true)]
    public void InternalApiOptions_WithoutKeys_AreValidOnlyInDevelopment(string environment, bool valid)
    {
        var validator = new InternalApiOptionsValidator(new HostingEnvironment { EnvironmentName = environment });

        var result = validator.Validate(null, new InternalApiOptions());

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("InternalApiOptions:Keys", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    private static OptionsValidationException FindValidationError(Exception? error)
    {
        for (var current = error; current is not null; current = current.InnerException)
        {
            if (current is OptionsValidationException validation)
            {
                return validation;
            }

            if (current is AggregateException aggregate && aggregate.InnerExceptions.OfType<OptionsValidationException>().FirstOrDefault() is { } inner)
            {
                return inner;
            }
        }

        throw new Xunit.Sdk.XunitException($"Expected an OptionsValidationException, got: {error}");
    }
}
