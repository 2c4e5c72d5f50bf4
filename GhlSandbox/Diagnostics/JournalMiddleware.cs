using System.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using Provisioner.GhlSandbox.Security;
using Provisioner.ServiceDefaults.Correlation;

namespace Provisioner.GhlSandbox.Diagnostics;

/// <summary>Records every request in the journal, with secrets in the query string redacted and no bodies kept.</summary>
public sealed class JournalMiddleware(RequestDelegate next, RequestJournal journal, TimeProvider time)
{
    private static readonly HashSet<string> SecretParameters =
        new(["code", "refresh_token", "access_token", "client_secret", "token", "password"], StringComparer.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (SandboxPaths.IsProbe(path) || path.StartsWithSegments("/_sandbox/journal"))
        {
            await next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            await next(context);
        }
        catch (Exception)
        {
            // The exception handler further out turns this into a 500; the journal must say so too.
            failed = true;
            throw;
        }
        finally
        {
            var token = context.Request.Headers.Authorization.Count > 0 ? GhlCaller.Resolve(context).Token : null;
            journal.Add(new JournalEntry(
                0,
                time.GetUtcNow(),
                context.Request.Method,
                path + Redact(context.Request.QueryString),
                failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                token?.UserType,
                token?.CompanyId,
                token?.LocationId,
                context.Response.Headers[CorrelationId.HeaderName].FirstOrDefault() ?? context.Request.Headers[CorrelationId.HeaderName].FirstOrDefault(),
                context.Items.TryGetValue(SandboxPaths.FaultItem, out var fault) ? fault as string : null));
        }
    }

    private static string Redact(QueryString query)
    {
        if (!query.HasValue)
        {
            return string.Empty;
        }

        var parsed = QueryHelpers.ParseQuery(query.Value);
        var pairs = parsed.SelectMany(p => p.Value.Select(v =>
            $"{p.Key}={(SecretParameters.Contains(p.Key) ? "***" : Uri.EscapeDataString(v ?? string.Empty))}"));
        return "?" + string.Join('&', pairs);
    }
}
