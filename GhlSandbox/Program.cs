using Provisioner.GhlSandbox.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGhlSandboxApi();

app.Run();

/// <summary>Entry point, public so tests can host the sandbox with WebApplicationFactory.</summary>
public partial class Program;
