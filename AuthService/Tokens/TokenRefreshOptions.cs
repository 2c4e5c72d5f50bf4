using System.ComponentModel.DataAnnotations;

namespace Provisioner.AuthService.Tokens;

/// <summary>When agency tokens are refreshed ahead of expiry.</summary>
public sealed class TokenRefreshOptions
{
    public const string SectionName = nameof(TokenRefreshOptions);

    /// <summary>A token expiring within this margin is refreshed (by a reader or by the background service).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "12:00:00")]
    public TimeSpan Margin { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often the background service looks for tokens inside the margin.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "12:00:00")]
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromMinutes(5);
}
