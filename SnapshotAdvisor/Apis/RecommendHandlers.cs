using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Provisioner.SnapshotAdvisor.Advice;
using Provisioner.SnapshotAdvisor.Security;

namespace Provisioner.SnapshotAdvisor.Apis;

public static class RecommendHandlers
{
    public static async Task<Results<Ok<AdvisorResult>, ValidationProblem>> RecommendAsync(
        RecommendRequest? body, ClaimsPrincipal user, RecommendationService advisor, CancellationToken cancellationToken)
    {
        var errors = RequestValidation.Recommend(body);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await advisor.RecommendAsync(AdvisorPolicies.AgencyOf(user), body!.Business!, cancellationToken));
    }
}
