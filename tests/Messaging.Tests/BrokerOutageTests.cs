using System.Diagnostics;
using Provisioner.Messaging.Tests.Host;
using Provisioner.TestSupport;

namespace Provisioner.Messaging.Tests;

public sealed class BrokerOutageTests
{
    // Over a minute: 20 s of outage, the broker's restart, then MassTransit's reconnect backoff.
    [Fact]
    [Trait("Category", "Slow")]
    public async Task PlaceOrder_BrokerDownFor20Seconds_AllDeliveredAfterItReturns()
    {
        await using var test = await MessagingTestContext.CreateAsync();
        var host = await test.StartHostAsync();
        var orders = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();
        var downSince = Stopwatch.StartNew();
        try
        {
            await RunServicesScriptAsync("rmq-kill");
            downSince.Restart();

            // Publishing needs only PostgreSQL: the handlers succeed while the broker is away.
            foreach (var orderId in orders)
            {
                await TestApp.PlaceOrderAsync(host.Services, orderId, messages: 1, commit: true);
            }

            // The outage itself is the scenario: keep the broker down for 20 s in all.
            var remaining = TimeSpan.FromSeconds(20) - downSince.Elapsed;
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining);
            }
        }
        finally
        {
            await RunServicesScriptAsync("rmq-start");
        }

        foreach (var orderId in orders)
        {
            await test.WaitForProbeAsync(nameof(OrderPlaced), orderId, 1, TimeSpan.FromSeconds(90));
        }

        foreach (var orderId in orders)
        {
            Assert.Equal(1, await test.CountProbeAsync(nameof(OrderPlaced), orderId));
        }
    }

    private static async Task RunServicesScriptAsync(string command)
    {
        var start = new ProcessStartInfo(TestEnvironment.ServicesScript, command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"services.sh {command} did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"services.sh {command} exited {process.ExitCode}: {await stderr}");
    }
}
