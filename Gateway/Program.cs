using Provisioner.Gateway.Extensions;
using Provisioner.Gateway.Proxy;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseRateLimiter();
app.MapGatewayProxy();

app.Run();

/// <summary>Entry point, public so tests can host the gateway with WebApplicationFactory.</summary>
public partial class Program;
