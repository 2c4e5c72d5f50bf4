var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();

/// <summary>Entry point, public so tests can host the sandbox with WebApplicationFactory.</summary>
public partial class Program;
