using Provisioner.SnapshotAdvisor.Apis;
using Provisioner.SnapshotAdvisor.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceOpenApi("Provisioner SnapshotAdvisor", "The agency's snapshot library and snapshot recommendations.");
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseAuthentication();
app.UseAuthorization();
app.MapSnapshotsApi();

app.Run();

/// <summary>Entry point, public so integration tests can host the service with WebApplicationFactory.</summary>
public partial class Program;
