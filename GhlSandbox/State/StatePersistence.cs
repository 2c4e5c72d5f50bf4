using System.Text.Json;
using Microsoft.Extensions.Options;
using Provisioner.GhlSandbox.Model;
using Provisioner.GhlSandbox.Options;

namespace Provisioner.GhlSandbox.State;

/// <summary>
/// Optional JSON state file: read at start-up, written about once a second after changes and at shutdown.
/// The file is replaced atomically (write, then rename) so a crash never leaves half a file.
/// </summary>
public sealed class StatePersistence(SandboxStore store, TimeProvider time, IOptions<GhlSandboxOptions> options, ILogger<StatePersistence> logger)
    : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { WriteIndented = true };
    // The periodic save and the final one at shutdown can overlap; one at a time keeps the temp file theirs alone.
    // Not disposed: the host may call StopAsync after disposing services, and no wait handle is ever created.
    private readonly SemaphoreSlim saving = new(1, 1);
    private long savedVersion;

    public static SandboxState LoadOrSeed(string? file)
    {
        if (file is null || !File.Exists(file))
        {
            return SeedData.Create();
        }

        return JsonSerializer.Deserialize<SandboxState>(File.ReadAllText(file), Json)
            ?? throw new InvalidOperationException($"The sandbox state file {file} is empty or not a state document.");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.StateFile is null)
        {
            return;
        }

        savedVersion = store.Version;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await SaveIfChangedAsync(stoppingToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (options.Value.StateFile is not null)
        {
            await SaveIfChangedAsync(cancellationToken);
        }
    }

    private async Task SaveIfChangedAsync(CancellationToken cancellationToken)
    {
        await saving.WaitAsync(cancellationToken);
        try
        {
            var version = store.Version;
            if (version == savedVersion)
            {
                return;
            }

            var file = options.Value.StateFile!;
            var temp = file + ".tmp";
            await File.WriteAllBytesAsync(temp, store.Serialize(Json), cancellationToken);
            File.Move(temp, file, overwrite: true);
            savedVersion = version;
            logger.LogDebug("Saved sandbox state version {Version} to {File}", version, file);
        }
        finally
        {
            saving.Release();
        }
    }
}
