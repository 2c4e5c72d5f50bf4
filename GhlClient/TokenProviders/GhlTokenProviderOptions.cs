using System.ComponentModel.DataAnnotations;

namespace Provisioner.GhlClient.TokenProviders;

/// <summary>How a service reaches AuthService's internal token API (section <c>GhlTokenProviderOptions</c>).</summary>
public sealed class GhlTokenProviderOptions
{
    public const string SectionName = nameof(GhlTokenProviderOptions);

    /// <summary>AuthService; <c>http://auth</c> is resolved by service discovery (<c>services__auth__http__0</c>).</summary>
    [Required]
    public Uri BaseAddress { get; set; } = new("http://auth");

    /// <summary>The shared key AuthService accepts in <c>X-Internal-Key</c> (one of its <c>InternalApiOptions:Keys</c>).</summary>
    [Required]
    [MinLength(32, ErrorMessage = "GhlTokenProviderOptions:InternalKey must be at least 32 characters.")]
    public string InternalKey { get; set; } = "";

    /// <summary>A cached token is used until this long before its expiry, then fetched again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RenewBefore { get; set; } = TimeSpan.FromSeconds(60);
}
