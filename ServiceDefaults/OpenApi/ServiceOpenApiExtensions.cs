using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.ServiceDefaults.OpenApi;
using Scalar.AspNetCore;

// Beside AddServiceDefaults, so a service's Program.cs needs no using for it.
namespace Microsoft.Extensions.Hosting;

public static class ServiceOpenApiExtensions
{
    /// <summary>The route of the document; <c>{documentName}</c> is <see cref="DocumentName"/>.</summary>
    public const string DocumentRoute = "/openapi/{documentName}.json";

    public const string DocumentName = "v1";

    /// <summary>
    /// The service's OpenAPI document (<c>/openapi/v1.json</c>, mapped by <c>MapDefaultEndpoints</c>), generated from its
    /// endpoints' metadata, with the service's title, security schemes and ProblemDetails answers.
    /// </summary>
    public static TBuilder AddServiceOpenApi<TBuilder>(this TBuilder builder, ServiceOpenApiOptions options)
        where TBuilder : IHostApplicationBuilder
    {
        var security = new SecurityTransformer(options);
        builder.Services.AddSingleton(options);
        builder.Services.AddOpenApi(DocumentName, openApi =>
        {
            openApi.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = options.Title;
                document.Info.Description = options.Description;
                document.Info.Version = DocumentName;
                return Task.CompletedTask;
            });
            openApi.AddDocumentTransformer(security);
            openApi.AddOperationTransformer(security);
            openApi.AddOperationTransformer<ServerErrorTransformer>();
        });
        return builder;
    }

    public static TBuilder AddServiceOpenApi<TBuilder>(this TBuilder builder, string title, string? description = null)
        where TBuilder : IHostApplicationBuilder =>
        builder.AddServiceOpenApi(new ServiceOpenApiOptions { Title = title, Description = description });

    /// <summary>
    /// Maps the document when the service called <see cref="AddServiceOpenApi{TBuilder}(TBuilder, ServiceOpenApiOptions)"/>:
    /// anonymous (it lists routes and shapes, never data or configuration), and the Scalar UI at <c>/scalar</c> in
    /// Development only.
    /// </summary>
    internal static void MapServiceOpenApi(this WebApplication app)
    {
        if (app.Services.GetService<ServiceOpenApiOptions>() is null)
        {
            return;
        }

        app.MapOpenApi(DocumentRoute).AllowAnonymous().ExcludeFromDescription();
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference().AllowAnonymous();
        }
    }
}
