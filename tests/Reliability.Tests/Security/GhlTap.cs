using System.Net;
using System.Text;
using System.Text.Json;
using System.Web;

namespace Provisioner.Reliability.Tests.Security;

/// <summary>
/// A recording pass-through in front of GhlSandbox: the services' <c>ConnectionStrings__ghl</c> points here, every
/// request goes on to the sandbox unchanged, and every secret on the wire is written into the <see cref="SecretLedger"/>:
/// the tokens GHL issues (<c>/oauth/token</c>, <c>/oauth/locationToken</c> answers), the client secret, codes and refresh
/// tokens the services send, the bearer tokens of API calls, and the passwords of the users ProvisioningService creates.
/// The sandbox itself never shows them (its journal redacts them, it stores only password hashes).
/// </summary>
internal sealed class GhlTap : IAsyncDisposable
{
    private static readonly Dictionary<string, string> SecretFields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["access_token"] = "GHL access token",
        ["refresh_token"] = "GHL refresh token",
        ["client_secret"] = "GHL client secret",
        ["code"] = "OAuth code",
        ["password"] = "GHL user password",
    };

    private static readonly HashSet<string> Unforwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Content-Length", "Transfer-Encoding", "Expect", "Keep-Alive",
    };

    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly Uri _sandbox;
    private readonly SecretLedger _secrets;
    private readonly Task _loop;
    private int _requests;

    private GhlTap(Uri sandbox, SecretLedger secrets, int port)
    {
        _sandbox = sandbox;
        _secrets = secrets;
        Url = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public Uri Url { get; }

    /// <summary>Requests the services sent to GHL through the tap.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static GhlTap Start(Uri sandbox, SecretLedger secrets) => new(sandbox, secrets, LoopbackPorts.Reserve());

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => ForwardAsync(context));
        }
    }

    private async Task ForwardAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref _requests);
        try
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var requestBytes = body.ToArray();
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), new Uri(_sandbox, context.Request.RawUrl));
            if (requestBytes.Length > 0 || context.Request.HttpMethod is "POST" or "PUT" or "PATCH")
            {
                request.Content = new ByteArrayContent(requestBytes);
            }

            foreach (var name in context.Request.Headers.AllKeys.OfType<string>().Where(n => !Unforwarded.Contains(n)))
            {
                var values = context.Request.Headers.GetValues(name) ?? [];
                if (!request.Headers.TryAddWithoutValidation(name, values))
                {
                    request.Content?.Headers.TryAddWithoutValidation(name, values);
                }
            }

            RecordRequest(context.Request.Headers["Authorization"], context.Request.ContentType, requestBytes);

            using var response = await _upstream.SendAsync(request);
            var responseBytes = await response.Content.ReadAsByteArrayAsync();
            Record(response.Content.Headers.ContentType?.MediaType, responseBytes);

            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers).Where(h => !Unforwarded.Contains(h.Key)))
            {
                foreach (var value in values)
                {
                    context.Response.Headers.Add(name, value);
                }
            }

            context.Response.ContentLength64 = responseBytes.Length;
            await context.Response.OutputStream.WriteAsync(responseBytes);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or HttpListenerException or IOException)
        {
            context.Response.StatusCode = (int)HttpStatusCode.BadGateway;
        }
        finally
        {
            context.Response.Close();
        }
    }

    private void RecordRequest(string? authorization, string? contentType, byte[] body)
    {
        if (authorization?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true)
        {
            _secrets.Add("GHL access token", authorization["Bearer ".Length..]);
        }

        Record(contentType?.Split(';')[0].Trim(), body);
    }

    private void Record(string? mediaType, byte[] body)
    {
        if (body.Length == 0)
        {
            return;
        }

        var text = Encoding.UTF8.GetString(body);
        if (mediaType == "application/x-www-form-urlencoded")
        {
            var form = HttpUtility.ParseQueryString(text);
            foreach (var name in form.AllKeys.OfType<string>())
            {
                if (SecretFields.TryGetValue(name, out var kind))
                {
                    _secrets.Add(kind, form[name]);
                }
            }

            return;
        }

        if (mediaType?.EndsWith("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            Walk(document.RootElement);
        }
        catch (JsonException)
        {
            // Not JSON after all: nothing to record.
        }
    }

    private void Walk(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.String && SecretFields.TryGetValue(property.Name, out var kind))
                    {
                        _secrets.Add(kind, property.Value.GetString());
                    }
                    else
                    {
                        Walk(property.Value);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item);
                }

                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
        _upstream.Dispose();
    }
}
