extern alias web;

using System.Net;
using System.Text;
using web::Provisioner.Web.Errors;

namespace Provisioner.Web.Tests.Errors;

public sealed class ProblemDetailsReaderTests
{
    [Fact]
    public async Task ReadAsync_WithProblemJson_ReturnsTitleDetailAndStatus()
    {
        using var response = Respond(HttpStatusCode.Conflict, "application/problem+json",
            """{"type":"about:blank","title":"Job already running","status":409,"detail":"Job 42 is in progress."}""");

        var problem = await ProblemDetailsReader.ReadAsync(response, CancellationToken.None);

        Assert.Equal("Job already running", problem.Title);
        Assert.Equal("Job 42 is in progress.", problem.Detail);
        Assert.Equal(409, problem.Status);
        Assert.Empty(problem.Errors);
    }

    [Fact]
    public async Task ReadAsync_WithValidationProblem_ReturnsErrorsByField()
    {
        using var response = Respond(HttpStatusCode.BadRequest, "application/problem+json",
            """{"title":"One or more validation errors occurred.","status":400,"errors":{"email":["Not an email address."],"phone":["Too short.","Not E.164."]}}""");

        var problem = await ProblemDetailsReader.ReadAsync(response, CancellationToken.None);

        Assert.Equal("One or more validation errors occurred.", problem.Title);
        Assert.Equal(["Not an email address."], problem.Errors["email"]);
        Assert.Equal(["Too short.", "Not E.164."], problem.Errors["phone"]);
    }

    [Fact]
    public async Task ReadAsync_WithPlainTextBody_FallsBackToStatusCode()
    {
        using var response = Respond(HttpStatusCode.BadGateway, "text/html", "<html>upstream down</html>");

        var problem = await ProblemDetailsReader.ReadAsync(response, CancellationToken.None);

        Assert.Equal("Request failed (HTTP 502 Bad Gateway)", problem.Title);
        Assert.Null(problem.Detail);
        Assert.Equal(502, problem.Status);
    }

    [Fact]
    public async Task ReadAsync_WithJsonThatIsNotAProblem_FallsBackToStatusCode()
    {
        // The shape RabbitMQ's management API answers a bad login with.
        using var response = Respond(HttpStatusCode.Unauthorized, "application/json",
            """{"error":"not_authorized","reason":"Not_Authorized"}""");

        var problem = await ProblemDetailsReader.ReadAsync(response, CancellationToken.None);

        Assert.Equal("Request failed (HTTP 401 Unauthorized)", problem.Title);
        Assert.Empty(problem.Errors);
    }

    [Fact]
    public async Task ReadAsync_WithMalformedJson_FallsBackToStatusCode()
    {
        using var response = Respond(HttpStatusCode.InternalServerError, "application/problem+json", "{\"title\": ");

        var problem = await ProblemDetailsReader.ReadAsync(response, CancellationToken.None);

        Assert.Equal("Request failed (HTTP 500 Internal Server Error)", problem.Title);
    }

    private static HttpResponseMessage Respond(HttpStatusCode status, string mediaType, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
}
