using Microsoft.AspNetCore.Http.HttpResults;

namespace Provisioner.AuthService.Apis;

/// <summary>RFC 9457 problem results that name the offending field.</summary>
public static class Problems
{
    public static ValidationProblem Field(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult Status(int status, string field, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, extensions: new Dictionary<string, object?> { ["field"] = field });
}
