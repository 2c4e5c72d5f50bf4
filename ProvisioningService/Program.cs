using Provisioner.ProvisioningService.Apis;
using Provisioner.ProvisioningService.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceOpenApi("Provisioner ProvisioningService", "Intake, provisioning jobs and their live events, bulk CSV, agency settings.");
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseAuthentication();
app.UseAuthorization();
app.MapProvisioningApi();

app.Run();

/// <summary>Entry point, public so integration tests can host the service with WebApplicationFactory.</summary>
public partial class Program;
