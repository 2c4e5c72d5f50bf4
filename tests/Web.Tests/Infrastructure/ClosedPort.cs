using System.Net;
using System.Net.Sockets;

namespace Provisioner.Web.Tests.Infrastructure;

/// <summary>An address where nothing listens: a port the OS just handed out and took back.</summary>
public static class ClosedPort
{
    public static Uri Address()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
