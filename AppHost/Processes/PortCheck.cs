using System.Net.Sockets;

namespace Provisioner.AppHost.Processes;

/// <summary>A port already taken would make a service crash-loop on bind; AppHost reports it before starting anything.</summary>
public static class PortCheck
{
    public static async Task<bool> IsInUseAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // No answer within a second on loopback: nothing accepts connections there.
            return false;
        }
    }
}
