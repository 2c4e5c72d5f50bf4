using System.Globalization;
using System.Text.RegularExpressions;

namespace Provisioner.Web.Backend;

/// <summary>
/// One call a portal client makes: the service (its discovery name), the method, the route template as the service's
/// OpenAPI document writes it (<c>/api/jobs/{id}</c>), and what the portal sends and reads. Clients build their
/// requests from these, and the contract tests (tests/Web.Tests/Contracts) check every one against the service's
/// generated document, so an API change the portal does not follow fails a test instead of a page.
/// </summary>
public sealed partial record ApiRoute(string Service, HttpMethod Method, string Template)
{
    /// <summary>The JSON body the portal sends (its properties must exist in the operation's request schema).</summary>
    public Type? Request { get; init; }

    /// <summary>The JSON answer the portal reads (its properties must exist in a 2xx response schema).</summary>
    public Type? Response { get; init; }

    /// <summary>Query parameters the portal may send.</summary>
    public IReadOnlyList<string> Query { get; init; } = [];

    /// <summary>Request headers the operation declares and the portal sends (e.g. <c>Idempotency-Key</c>).</summary>
    public IReadOnlyList<string> Headers { get; init; } = [];

    /// <summary>The path with the template's <c>{name}</c> segments filled, in order, URL-escaped.</summary>
    public string Path(params object[] values)
    {
        var index = 0;
        var path = Placeholder().Replace(Template, _ => index < values.Length
            ? Uri.EscapeDataString(Convert.ToString(values[index++], CultureInfo.InvariantCulture) ?? "")
            : throw new ArgumentException($"{Template} needs more values than the {values.Length} given.", nameof(values)));
        return index == values.Length ? path : throw new ArgumentException($"{Template} takes {index} values, not {values.Length}.", nameof(values));
    }

    /// <summary>The absolute URL by service discovery (<c>http://{service}{path}</c>), with an optional query string.</summary>
    public Uri Url(params object[] values) => UrlWithQuery("", values);

    /// <param name="query">The query string, from its <c>?</c>, or empty.</param>
    public Uri UrlWithQuery(string query, params object[] values) => new($"http://{Service}{Path(values)}{query}");

    /// <summary>A request of this route's method to <see cref="Url"/>; the caller adds content and headers.</summary>
    public HttpRequestMessage NewRequest(params object[] values) => new(Method, Url(values));

    public override string ToString() => $"{Method} {Template} ({Service})";

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Placeholder();
}
