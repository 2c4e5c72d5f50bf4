using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Provisioner.ServiceDefaults.OpenApi;

/// <summary>
/// Every operation may answer 500 with a ProblemDetails (ServiceDefaults' exception handler writes it, without the
/// exception's text), so the document says so instead of leaving clients to guess the shape of an error.
/// </summary>
internal sealed class ServerErrorTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var problem = await SecurityTransformer.ProblemSchemaAsync(context, cancellationToken);
        operation.Responses ??= [];
        operation.Responses.TryAdd("500", SecurityTransformer.Problem("An unexpected error; the answer carries no exception text.", problem));
    }
}
