namespace Provisioner.AuthService.Tokens;

/// <summary>A decrypted location (sub-account) access token handed to a caller.</summary>
public sealed record LocationAccessToken(string AgencyId, string LocationId, string AccessToken, DateTimeOffset ExpiresAt)
{
    public override string ToString() =>
        $"LocationAccessToken {{ AgencyId = {AgencyId}, LocationId = {LocationId}, ExpiresAt = {ExpiresAt:O} }}";
}
