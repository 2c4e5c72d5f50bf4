using System.Runtime.InteropServices;

namespace Provisioner.AppHost.Processes;

/// <summary>
/// SIGINT (Ctrl+C), SIGTERM, SIGQUIT and SIGHUP: the first asks every child to stop gracefully, a second one kills them at once.
/// The default action (terminating AppHost) is cancelled so children are never orphaned.
/// </summary>
public sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _force = new();
    private readonly PosixSignalRegistration[] _registrations;

    public ShutdownSignals()
    {
        // SIGHUP: the terminal closed; without a handler AppHost would die mid-stop and leave its state file behind.
        _registrations = [Register(PosixSignal.SIGINT), Register(PosixSignal.SIGTERM), Register(PosixSignal.SIGQUIT), Register(PosixSignal.SIGHUP)];
    }

    public CancellationToken Stopping => _stop.Token;

    public CancellationToken Forced => _force.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
        _force.Dispose();
    }

    private PosixSignalRegistration Register(PosixSignal signal) =>
        PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true;
            if (_stop.IsCancellationRequested)
            {
                _force.Cancel();
            }
            else
            {
                _stop.Cancel();
            }
        });
}
