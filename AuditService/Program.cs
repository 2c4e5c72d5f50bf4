using Provisioner.AuditService.Apis;
using Provisioner.AuditService.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceOpenApi("Provisioner AuditService", "The append-only, hash-chained audit log: entries, CSV export, chain verification.");
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseAuthentication();
app.UseAuthorization();
app.MapAuditApi();

app.Run();

/// <summary>Entry point, public so integration tests can host the service with WebApplicationFactory.</summary>
public partial class Program;
