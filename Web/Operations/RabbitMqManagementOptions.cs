using System.ComponentModel.DataAnnotations;
using System.Net.Http.Headers;
using System.Text;

namespace Provisioner.Web.Operations;

/// <summary>
/// Where the RabbitMQ management HTTP API is (section <c>RabbitMqManagementOptions</c>). Optional: without a
/// <see cref="Url"/> the Operations page says "not configured". When set it must be an absolute http(s) URL carrying
/// the credentials, e.g. <c>http://user:password@127.0.0.1:15672/</c>.
/// </summary>
public sealed class RabbitMqManagementOptions : IValidatableObject
{
    public const string SectionName = nameof(RabbitMqManagementOptions);

    public string? Url { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Url);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // The value carries a password: messages name the field and the expected shape, never the value.
        if (IsConfigured && TryParse(Url!) is null)
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(Url)} must be an absolute http(s) URL with credentials, " +
                "like http://user:password@host:15672/.",
                [nameof(Url)]);
        }
    }

    /// <summary>The API's base address without credentials, and the Basic authorization header built from them.</summary>
    public static RabbitMqManagementEndpoint? TryParse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || uri.UserInfo.Split(':', 2) is not [{ Length: > 0 } user, var password])
        {
            return null;
        }

        var credentials = $"{Uri.UnescapeDataString(user)}:{Uri.UnescapeDataString(password)}";
        var path = uri.AbsolutePath.EndsWith('/') ? uri.AbsolutePath : uri.AbsolutePath + "/";
        var baseAddress = new UriBuilder(uri.Scheme, uri.Host, uri.Port, path).Uri;
        return new RabbitMqManagementEndpoint(
            baseAddress,
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials))));
    }
}
