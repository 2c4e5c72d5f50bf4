using System.Net;

namespace Provisioner.GhlClient.Tests;

public sealed class GhlApiExceptionTests
{
    // GHL's 401 about the token itself (expired, revoked, unknown): a later attempt refreshes.
    [Theory]
    [InlineData("Invalid token: access token is invalid")]
    [InlineData("Invalid JWT")]
    public void IsTokenRejected_401AboutTheToken_True(string message) =>
        Assert.True(new GhlApiException("users.search", HttpStatusCode.Unauthorized, [message], null).IsTokenRejected);

    // A 401 about what a valid token may do, one GHL did not explain, and any other status: not about the token.
    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "something GHL never said before")]
    [InlineData(HttpStatusCode.Unauthorized, "The token is not authorized for this scope.")]
    [InlineData(HttpStatusCode.Unauthorized, "This authClass type is not allowed to access this scope.")]
    [InlineData(HttpStatusCode.Unauthorized, "The location is not accessible from this token.")]
    [InlineData(HttpStatusCode.Forbidden, "Invalid JWT")]
    [InlineData(HttpStatusCode.InternalServerError, "Invalid token: access token is invalid")]
    public void IsTokenRejected_401AboutTheRequestOrOtherStatus_False(HttpStatusCode status, string message) =>
        Assert.False(new GhlApiException("users.search", status, [message], null).IsTokenRejected);
}
