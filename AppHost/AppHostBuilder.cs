using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Provisioner.AppHost.Model;

namespace Provisioner.AppHost;

/// <summary>
/// Declares resources the way Aspire's <c>DistributedApplication.CreateBuilder</c> does, so Program.cs reads as a
/// list of what runs and what depends on what.
/// </summary>
public sealed class AppHostBuilder
{
    private const string OtlpPrefix = "OTEL_EXPORTER_OTLP_";

    private AppHostBuilder(IConfiguration configuration, AppHostOptions options)
    {
        Configuration = configuration;
        Options = options;
        var telemetry = configuration.AsEnumerable()
            .Where(kv => kv.Key.StartsWith(OtlpPrefix, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(kv.Value))
            .ToDictionary(kv => kv.Key.ToUpperInvariant(), kv => kv.Value!, StringComparer.Ordinal);
        Model = new ResourceModel(options.Environment, telemetry);
    }

    public IConfiguration Configuration { get; }

    public AppHostOptions Options { get; }

    public ResourceModel Model { get; }

    /// <summary>appsettings.json beside the binaries, then environment variables, then the command line.</summary>
    public static AppHostBuilder Create(string[] args) =>
        Create(new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build());

    /// <summary>Binds and validates <see cref="AppHostOptions"/>; invalid settings throw before anything starts.</summary>
    public static AppHostBuilder Create(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddOptions<AppHostOptions>()
            .BindConfiguration(AppHostOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        return new AppHostBuilder(configuration, provider.GetRequiredService<IOptions<AppHostOptions>>().Value);
    }

    public PostgresServerResource AddPostgres(string name) =>
        Model.Postgres = new PostgresServerResource(name, Options.DatabaseNamePrefix);

    public RabbitMqResource AddRabbitMq(string name) => Model.RabbitMq = new RabbitMqResource(name);

    /// <summary>This run's key for the services' internal API (see <see cref="InternalApiKeys"/>).</summary>
    public string InternalApiKey { get; } = InternalApiKeys.Generate();

    /// <summary>The gateway's OAuth callback: registered on the sandbox app and given to AuthService.</summary>
    public string OAuthCallbackUrl => $"http://127.0.0.1:{Options.Ports.Gateway}/api/auth/callback";

    /// <summary>The configured GHL (AppHost:Ghl:BaseUrl), or else the sandbox project <paramref name="sandboxName"/>.</summary>
    public GhlResource AddGhl(string name, string sandboxName)
    {
        var ghl = Options.Ghl;
        if (!ghl.UsesSandbox)
        {
            return Model.Ghl = new GhlResource(name, new Uri(ghl.BaseUrl!), null, ghl.ClientId, ghl.ClientSecret, ghl.AuthorizeUrl);
        }

        var sandbox = AddProject(sandboxName, "GhlSandbox")
            .WithEnvironment("GhlSandbox__ClientId", ghl.ClientId)
            .WithEnvironment("GhlSandbox__ClientSecret", ghl.ClientSecret)
            .WithEnvironment("GhlSandbox__RedirectUris__0", OAuthCallbackUrl);
        foreach (var (key, value) in Configuration.GetSection(AppHostOptions.GhlSandboxSection).AsEnumerable(makePathsRelative: true))
        {
            if (value is not null)
            {
                sandbox.WithEnvironment($"GhlSandbox__{key.Replace(":", "__", StringComparison.Ordinal)}", value);
            }
        }

        return Model.Ghl = new GhlResource(
            name, new Uri(sandbox.Url), sandbox, ghl.ClientId, ghl.ClientSecret, $"{sandbox.Url}/oauth/chooselocation");
    }

    /// <summary>A project of the solution, on the port configured for <paramref name="name"/> under AppHost:Ports.</summary>
    public ProjectResource AddProject(string name, string projectName)
    {
        var project = new ProjectResource(name, projectName, Options.Ports.For(name));
        Model.Add(project);
        return project;
    }

    public AppHostApplication Build() => new(Model, Options, Configuration, AppHostPaths.Resolve(Options));
}
