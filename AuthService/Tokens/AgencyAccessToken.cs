namespace Provisioner.AuthService.Tokens;

/// <summary>A decrypted agency access token handed to a caller; <see cref="Version"/> identifies the stored pair.</summary>
public sealed record AgencyAccessToken(string AgencyId, string AccessToken, DateTimeOffset ExpiresAt, int Version)
{
    public override string ToString() => $"AgencyAccessToken {{ AgencyId = {AgencyId}, ExpiresAt = {ExpiresAt:O}, Version = {Version} }}";
}
