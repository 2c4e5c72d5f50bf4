using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Npgsql;
using Provisioner.ServiceDefaults.Errors;

namespace Provisioner.ServiceDefaults.Tests;

public sealed class DatabaseUnavailableTests
{
    private static NpgsqlException Refused() =>
        new("Failed to connect to 127.0.0.1:55999", new SocketException((int)SocketError.ConnectionRefused));

    [Fact]
    public async Task Request_DatabaseRefusesConnection_Returns503ProblemWithRetryAfterAndNoExceptionText()
    {
        await using var app = await StartThrowingAsync(Refused);
        using var client = app.GetTestClient();

        var response = await client.GetAsync("/boom");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(DatabaseUnavailableExceptionHandler.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
        Assert.Contains("\"status\":503", body, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_TransientNpgsqlErrorWrappedByEfCore_Returns503()
    {
        await using var app = await StartThrowingAsync(() => new InvalidOperationException("A transient failure.", Refused()));
        using var client = app.GetTestClient();

        var response = await client.GetAsync("/boom");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Request_UniqueViolation_StaysA500()
    {
        await using var app = await StartThrowingAsync(() => new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation));
        using var client = app.GetTestClient();

        var response = await client.GetAsync("/boom");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Null(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task Request_OtherException_StaysA500()
    {
        await using var app = await StartThrowingAsync(() => new InvalidOperationException("a bug"));
        using var client = app.GetTestClient();

        var response = await client.GetAsync("/boom");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public void IsTransient_CannotConnectNow_True() =>
        Assert.True(DatabaseFailures.IsTransient(new PostgresException("starting up", "FATAL", "FATAL", PostgresErrorCodes.CannotConnectNow)));

    [Fact]
    public void IsTransient_SyntaxError_False() =>
        Assert.False(DatabaseFailures.IsTransient(new PostgresException("syntax", "ERROR", "ERROR", PostgresErrorCodes.SyntaxError)));

    private static Task<WebApplication> StartThrowingAsync(Func<Exception> exception) =>
        TestApp.StartAsync(map: app => app.MapGet("/boom", (HttpContext _) => throw exception()));
}
