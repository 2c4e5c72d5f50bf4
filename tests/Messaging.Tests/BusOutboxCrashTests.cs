using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Provisioner.Messaging.Tests.Host;
using Provisioner.TestSupport;

namespace Provisioner.Messaging.Tests;

public sealed class BusOutboxCrashTests
{
    [Fact]
    public async Task PlaceOrder_ProcessKilledAfterCommit_DeliveredOnceAfterRestart()
    {
        await using var test = await MessagingTestContext.CreateAsync();
        var orderId = Guid.NewGuid();

        var exitCode = await RunChildAsync(test.Settings, orderId);

        Assert.Equal(137, exitCode);
        await using (var db = test.CreateDbContext())
        {
            Assert.True(await db.Orders.AnyAsync(x => x.Id == orderId));
            Assert.Equal(1, await db.Set<Schema.OutboxMessage>().CountAsync());
        }

        Assert.Equal(0, await test.CountProbeAsync(nameof(OrderPlaced), orderId));

        // The restarted app relays the committed row; a second OrderPlaced would show as a second probe row.
        var host = await test.StartHostAsync();
        await test.WaitForProbeAsync(nameof(OrderPlaced), orderId, 1, TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(async () =>
        {
            await using var db = test.CreateDbContext();
            return !await db.Set<Schema.OutboxMessage>().AnyAsync();
        }, TimeSpan.FromSeconds(10), "the relayed row to be removed");
        await test.StopHostAsync(host);
        Assert.Equal(1, await test.CountProbeAsync(nameof(OrderPlaced), orderId));
    }

    private static async Task<int> RunChildAsync(TestAppSettings settings, Guid orderId)
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory, "Messaging.Tests.Host.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { hostDll, "place-order-and-die", settings.Prefix, settings.ConnectionString, settings.RabbitMqUri, orderId.ToString() })
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException("The child process did not start.");
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await child.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            throw new TimeoutException($"The child did not finish. stdout: {await stdout} stderr: {await stderr}");
        }

        var output = await stdout;
        Assert.True(output.Contains("COMMITTED", StringComparison.Ordinal), $"stdout: {output} stderr: {await stderr}");
        return child.ExitCode;
    }
}
