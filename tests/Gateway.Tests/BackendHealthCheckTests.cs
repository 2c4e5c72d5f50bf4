using Microsoft.Extensions.Diagnostics.HealthChecks;
using Provisioner.Gateway.Health;
using Provisioner.ServiceDefaults.Health;

namespace Provisioner.Gateway.Tests;

public sealed class BackendHealthCheckTests
{
    [Fact]
    public void Classify_DegradedReport_IsDegradedAndNamesTheEntry()
    {
        var body = new HealthResponse("Degraded", 3, new Dictionary<string, HealthEntry>
        {
            ["self"] = new("Healthy", null, 0),
            ["ghl"] = new("Degraded", "slow", 2),
        });

        var result = BackendHealthCheck.Classify(200, body, HealthStatus.Unhealthy);

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal("Degraded (ghl: Degraded)", result.Description);
    }

    [Theory]
    [InlineData(200, HealthStatus.Healthy)]
    [InlineData(502, HealthStatus.Unhealthy)]
    public void Classify_NoHealthReport_JudgesByStatusCode(int statusCode, HealthStatus expected)
    {
        var result = BackendHealthCheck.Classify(statusCode, body: null, HealthStatus.Unhealthy);

        Assert.Equal(expected, result.Status);
        Assert.Contains(statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Description);
    }

    [Fact]
    public void Classify_UnknownStatusWord_JudgesByStatusCode()
    {
        var body = new HealthResponse("Sideways", 1, new Dictionary<string, HealthEntry>());

        var result = BackendHealthCheck.Classify(503, body, HealthStatus.Unhealthy);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }
}
