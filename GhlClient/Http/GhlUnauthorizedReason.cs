namespace Provisioner.GhlClient.Http;

/// <summary>
/// Tells a 401 about the token's validity (expired, revoked, unknown: refresh once) from a 401 about what a valid token
/// may do (BRIEF §1 and §6.6: a missing scope, the wrong token type, a location or company the token does not cover,
/// a plan without API access: a refresh cannot help). GHL gives no code for this, only the message; an unknown message
/// or an unreadable body counts as a validity problem, so a wording change costs one needless refresh, not a broken
/// token.
/// </summary>
internal static class GhlUnauthorizedReason
{
    // Fragments of GHL's messages (BRIEF §1, §6.6; GhlSandbox's GhlCaller uses the same texts), matched case-insensitively.
    private static readonly (string Fragment, string Reason)[] NotAboutTheToken =
    [
        ("not authorized for this scope", "missing scope"),
        ("authClass type is not allowed", "wrong token type"),
        ("is not accessible from this token", "resource not covered by the token"),
        ("do not have access to this feature", "plan without API access"),
    ];

    // GHL's words for a token that is itself dead: expired ("Invalid JWT") or revoked/unknown ("Invalid token: access
    // token is invalid", common-schemas.json's example).
    private static readonly string[] AboutTheToken = ["invalid jwt", "invalid token", "token is invalid", "expired"];

    /// <summary>True when GHL's messages positively say the token itself is dead (not merely "not about the request").</summary>
    public static bool SaysTheTokenIsDead(IEnumerable<string> messages) =>
        Of(messages) is null
        && messages.Any(m => AboutTheToken.Any(fragment => m.Contains(fragment, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The reason when the 401 is about the request rather than the token, else null. Buffers the body.</summary>
    public static async Task<string?> IsAboutTheRequestAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // Buffered, so the caller still reads the whole body for its GhlApiException.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = GhlErrorBody.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return Of(body.Message ?? []);
    }

    /// <summary>The reason when GHL's messages say the 401 is about the request rather than the token, else null.</summary>
    public static string? Of(IEnumerable<string> messages)
    {
        foreach (var message in messages)
        {
            foreach (var (fragment, reason) in NotAboutTheToken)
            {
                if (message.Contains(fragment, StringComparison.OrdinalIgnoreCase))
                {
                    return reason;
                }
            }
        }

        return null;
    }
}
