using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;

namespace Provisioner.Web.Tests.Contracts;

/// <summary>
/// A service hosted in-process for its OpenAPI document only: its real Program, endpoints and DI, with the
/// background work (migrations, the bus, pollers) left out, so no database or broker is touched. The settings are
/// the ones its start-up validation requires; the addresses in them are never dialled.
/// </summary>
internal sealed class ServiceDocumentHost<TEntryPoint>(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>GETs the document anonymously and reads it with Microsoft.OpenApi; the raw JSON comes along for messages.</summary>
    public async Task<ServiceDocument> GetDocumentAsync()
    {
        using var client = CreateClient();
        using var response = await client.GetAsync(DocumentPath);
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadAsStringAsync();
        var read = OpenApiDocument.Parse(json, "json");
        return new ServiceDocument(
            read.Document ?? throw new InvalidOperationException($"{typeof(TEntryPoint).Assembly.GetName().Name}: the document did not parse."),
            [.. read.Diagnostic?.Errors.Select(e => e.ToString()) ?? []],
            json);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            // Keep ASP.NET Core's own hosted service (the server); drop the service's, MassTransit's and Messaging's.
            var background = services
                .Where(d => d.ServiceType == typeof(IHostedService)
                    && d.ImplementationType?.Assembly.GetName().Name?.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) != true)
                .ToList();
            foreach (var descriptor in background)
            {
                services.Remove(descriptor);
            }
        });
    }
}

/// <summary>A service's OpenAPI document, the reader's errors, and the JSON as served.</summary>
internal sealed record ServiceDocument(OpenApiDocument Document, IReadOnlyList<string> ReadErrors, string Json);
