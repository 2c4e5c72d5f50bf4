using Provisioner.AuthService.Apis;
using Provisioner.AuthService.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceOpenApi(AuthOpenApi.Options);
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseAuthentication();
app.UseAuthorization();
app.MapAuthApi();
app.MapInternalTokenApi();

app.Run();

/// <summary>Entry point, public so integration tests can host the service with WebApplicationFactory.</summary>
public partial class Program;
