using System.Net;
using System.Net.Sockets;

namespace Provisioner.TestSupport.Processes;

/// <summary>
/// Free loopback ports for processes a test starts, which bind them moments later. A port found by binding port 0 comes
/// from the kernel's ephemeral range, which every outgoing connection of the machine also draws its local port from:
/// between the probe and the child's bind one of them could take it (address in use, a flaky start). These ports are
/// taken below that range instead, from a random point (test runs in parallel spread out), probed by binding, and never
/// handed out twice by one test process.
/// </summary>
public static class LoopbackPorts
{
    private const int Lowest = 20000;
    private const int DefaultEphemeralStart = 32768;

    private static readonly HashSet<int> HandedOut = [];
    private static readonly int Highest = EphemeralStart() - 1;

    /// <summary>One free port.</summary>
    public static int Reserve() => ReserveRange(1);

    /// <summary><paramref name="count"/> free ports, not necessarily adjacent.</summary>
    public static int[] Reserve(int count) => Enumerable.Range(0, count).Select(_ => Reserve()).ToArray();

    /// <summary>The first of <paramref name="count"/> free ports in a row (RabbitMQ wants AMQP, dist, epmd and management).</summary>
    public static int ReserveRange(int count)
    {
        lock (HandedOut)
        {
            var span = Highest - Lowest + 1 - count;
            var offset = Random.Shared.Next(span);
            for (var tried = 0; tried < span; tried++)
            {
                var first = Lowest + (offset + tried) % span;
                var ports = Enumerable.Range(first, count).ToList();
                if (ports.All(p => !HandedOut.Contains(p) && IsFree(p)))
                {
                    HandedOut.UnionWith(ports);
                    return first;
                }
            }
        }

        throw new InvalidOperationException($"No {count} free loopback ports in a row between {Lowest} and {Highest}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first port of <c>net.ipv4.ip_local_port_range</c> (32768 unless the machine says otherwise).</summary>
    private static int EphemeralStart()
    {
        const string File = "/proc/sys/net/ipv4/ip_local_port_range";
        var text = System.IO.File.Exists(File) ? System.IO.File.ReadAllText(File) : "";
        var start = int.TryParse(text.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(), out var first)
            ? first
            : DefaultEphemeralStart;

        // A machine whose ephemeral range starts low leaves no room below it: use the common default's band then.
        return start > Lowest + 2000 ? start : DefaultEphemeralStart;
    }
}
