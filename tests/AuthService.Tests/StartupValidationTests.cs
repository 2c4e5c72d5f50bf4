using Microsoft.Extensions.Options;

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
