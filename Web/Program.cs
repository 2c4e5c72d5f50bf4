using Provisioner.Web.Components;
using Provisioner.Web.Components.Pages;
using Provisioner.Web.Extensions;
using Provisioner.Web.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseSecurityHeaders();
app.UseStatusCodePagesWithReExecute(NotFound.Route, createScopeForStatusCodePages: true);
app.UseAntiforgery();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>Entry point, public so tests can host the portal with WebApplicationFactory.</summary>
public partial class Program;
