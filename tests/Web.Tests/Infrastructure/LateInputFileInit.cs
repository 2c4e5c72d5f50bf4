using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Provisioner.Web.Tests.Infrastructure;

/// <summary>
/// Holds back the circuit's <c>InputFile.init</c> message (and everything the server sends after it, so order is kept)
/// for a while, as a server slowed by load does: the file input is then in the DOM without its change listener, the
/// window in which the CI run lost a file set on it.
/// </summary>
public static partial class LateInputFileInit
{
    public static Task HoldAsync(IPage page, TimeSpan hold)
    {
        var gate = new object();
        var queue = Task.CompletedTask;
        return page.RouteWebSocketAsync(BlazorHub(), browserSide =>
        {
            var server = browserSide.ConnectToServer();
            browserSide.OnMessage(frame => Forward(frame, server));
            server.OnMessage(frame =>
            {
                // Blazor Server frames are MessagePack; the JS function's name is a plain string in them.
                var late = frame.Binary is { } bytes && Encoding.UTF8.GetString(bytes).Contains("InputFile.init", StringComparison.Ordinal);
                lock (gate)
                {
                    queue = queue.ContinueWith(
                        async _ =>
                        {
                            if (late)
                            {
                                await Task.Delay(hold);
                            }

                            Forward(frame, browserSide);
                        },
                        TaskScheduler.Default).Unwrap();
                }
            });
        });
    }

    private static void Forward(IWebSocketFrame frame, IWebSocketRoute to)
    {
        if (frame.Binary is { } bytes)
        {
            to.Send(bytes);
        }
        else
        {
            to.Send(frame.Text!);
        }
    }

    [GeneratedRegex("/_blazor")]
    private static partial Regex BlazorHub();
}
