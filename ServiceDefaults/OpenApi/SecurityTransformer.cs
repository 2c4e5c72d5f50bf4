using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Provisioner.ServiceDefaults.OpenApi;

/// <summary>
/// Declares the service's security schemes, and on each operation that requires authorization the schemes it
/// accepts and the ProblemDetails answers of a missing or insufficient credential (401, 403): the status-code pages
/// of ServiceDefaults write those, so no handler's typed result describes them.
/// </summary>
internal sealed class SecurityTransformer(ServiceOpenApiOptions options) : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        foreach (var (name, scheme) in options.SecuritySchemes)
        {
            document.Components.SecuritySchemes[name] = scheme;
        }

        return Task.CompletedTask;
    }

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var authorizeData = metadata.OfType<IAuthorizeData>().ToList();
        var policies = metadata.OfType<AuthorizationPolicy>().ToList();
        if ((authorizeData.Count == 0 && policies.Count == 0) || metadata.OfType<IAllowAnonymous>().Any())
        {
            return;
        }

        var policyProvider = context.ApplicationServices.GetRequiredService<IAuthorizationPolicyProvider>();
        var policy = await AuthorizationPolicy.CombineAsync(policyProvider, authorizeData, policies);
        var named = policy?.AuthenticationSchemes.Where(options.SecuritySchemes.ContainsKey).ToList() ?? [];
        operation.Security ??= [];
        foreach (var scheme in named.Count > 0 ? named : options.DefaultSchemes)
        {
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] });
        }

        var problem = await ProblemSchemaAsync(context, cancellationToken);
        operation.Responses ??= [];
        operation.Responses.TryAdd("401", Problem("No credential, or one that is not valid.", problem));
        operation.Responses.TryAdd("403", Problem("The caller's role does not allow this.", problem));
    }

    internal static async Task<IOpenApiSchema> ProblemSchemaAsync(OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        const string id = nameof(ProblemDetails);
        if (context.Document?.Components?.Schemas?.ContainsKey(id) != true)
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
            context.Document?.AddComponent(id, schema);
        }

        return new OpenApiSchemaReference(id, context.Document);
    }

    internal static OpenApiResponse Problem(string description, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
    };
}
