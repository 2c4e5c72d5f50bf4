using Microsoft.Extensions.Options;

namespace Provisioner.GhlSandbox.Tests;

public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("GhlSandbox:RateLimit:BurstLimit", "0")]
    [InlineData("GhlSandbox:ClientId", "no-dash-prefix!")]
    [InlineData("GhlSandbox:WebhookUrl", "not a url")]
    public void Start_InvalidSetting_FailsNamingTheProblem(string key, string value)
    {
        using var factory = new SandboxFactory(new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.IsType<OptionsValidationException>(error.GetBaseException() as OptionsValidationException ?? error);
    }
}
