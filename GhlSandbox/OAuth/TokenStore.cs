using Microsoft.Extensions.Options;
using Provisioner.GhlSandbox.Infrastructure;
using Provisioner.GhlSandbox.Model;
using Provisioner.GhlSandbox.Options;
using Provisioner.GhlSandbox.State;

namespace Provisioner.GhlSandbox.OAuth;

/// <summary>
/// Issues and checks authorization codes, access tokens and refresh tokens. Codes and refresh tokens are
/// single-use: the first redemption marks them used, any later one is refused.
/// </summary>
public sealed class TokenStore(SandboxStore store, TimeProvider time, IOptions<GhlSandboxOptions> options)
{
    public string IssueCode(string companyId, string userId, string[] scopes, string redirectUri)
    {
        var code = Ids.NewSecret();
        var now = time.GetUtcNow();
        store.Write(state => Add(state, new TokenRecord
        {
            Hash = Ids.Hash(code), Kind = TokenKind.AuthorizationCode, UserType = "Company", CompanyId = companyId,
            UserId = userId, Scopes = scopes, RedirectUri = redirectUri, IssuedAt = now,
            ExpiresAt = now + options.Value.AuthorizationCodeLifetime,
        }));
        return code;
    }

    /// <summary>Redeems a code once; returns null when it is unknown, used, expired or for another redirect URI.</summary>
    public TokenRecord? RedeemCode(string code, string? redirectUri) =>
        Redeem(code, TokenKind.AuthorizationCode, t => redirectUri is null || t.RedirectUri == redirectUri);

    /// <summary>Redeems a refresh token once; a second use of the same token is refused.</summary>
    public TokenRecord? RedeemRefreshToken(string refreshToken) => Redeem(refreshToken, TokenKind.Refresh, _ => true);

    public IssuedTokens IssueTokens(string userType, string companyId, string? locationId, string userId, string[] scopes)
    {
        var (access, refresh) = (Ids.NewSecret(), Ids.NewSecret());
        var now = time.GetUtcNow();
        var lifetime = options.Value.AccessTokenLifetime;
        store.Write(state =>
        {
            Add(state, Record(TokenKind.Access, access, now + lifetime));
            return Add(state, Record(TokenKind.Refresh, refresh, now + options.Value.RefreshTokenLifetime));
        });
        // GHL reports a day as 86399 s: the lifetime less the second already started.
        return new IssuedTokens(access, refresh, Math.Max(1, (long)lifetime.TotalSeconds - 1));

        TokenRecord Record(TokenKind kind, string secret, DateTimeOffset expiresAt) => new()
        {
            Hash = Ids.Hash(secret), Kind = kind, UserType = userType, CompanyId = companyId, LocationId = locationId,
            UserId = userId, Scopes = scopes, IssuedAt = now, ExpiresAt = expiresAt,
        };
    }

    public AccessCheck Authenticate(string accessToken)
    {
        var hash = Ids.Hash(accessToken);
        var now = time.GetUtcNow();
        return store.Read(state =>
        {
            var token = state.Tokens.FirstOrDefault(t => t.Kind == TokenKind.Access && t.Hash == hash);
            return token switch
            {
                null => new AccessCheck(null, "Invalid token: access token is invalid"),
                { Revoked: true } => new AccessCheck(null, "Invalid token: access token is invalid"),
                _ when token.ExpiresAt <= now => new AccessCheck(null, "Invalid JWT"),
                _ => new AccessCheck(token, null),
            };
        });
    }

    /// <summary>Revokes every live token of a company or location (either id), or of all when null.</summary>
    public int Revoke(string? resourceId) => store.Write(state =>
    {
        var hit = state.Tokens.Where(t => !t.Revoked && (resourceId is null || t.CompanyId == resourceId || t.LocationId == resourceId)).ToList();
        hit.ForEach(t => t.Revoked = true);
        return hit.Count;
    });

    private TokenRecord? Redeem(string secret, TokenKind kind, Func<TokenRecord, bool> matches)
    {
        var hash = Ids.Hash(secret);
        var now = time.GetUtcNow();
        return store.Write(state =>
        {
            var token = state.Tokens.FirstOrDefault(t => t.Kind == kind && t.Hash == hash);
            if (token is null || token.Used || token.Revoked || token.ExpiresAt <= now || !matches(token))
            {
                return null;
            }

            token.Used = true;
            return token;
        });
    }

    private TokenRecord Add(SandboxState state, TokenRecord token)
    {
        // Expired credentials are dropped as new ones arrive, so the list stays small over long runs.
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(1);
        state.Tokens.RemoveAll(t => t.ExpiresAt < cutoff);
        state.Tokens.Add(token);
        return token;
    }
}

public sealed record IssuedTokens(string AccessToken, string RefreshToken, long ExpiresIn);

public sealed record AccessCheck(TokenRecord? Token, string? Failure);
