using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;
using Provisioner.Web.Errors;
using Provisioner.Web.Session;

namespace Provisioner.Web.Extensions;

public static class ApplicationServiceExtensions
{
    /// <summary>Every registration of the portal, in one place.</summary>
    public static void AddApplicationServices(this WebApplicationBuilder builder)
    {
        // ASP.NET Core serves the framework's and packages' static files (blazor.web.js, _content/MudBlazor) from a
        // build output only in Development. AppHost and the tests run the build output in any environment, so the
        // manifest is always honoured; a published app has no manifest and this does nothing.
        builder.WebHost.UseStaticWebAssets();

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.TryAddSingleton(TimeProvider.System);

        // Per circuit: the signed-in agency shown in the app bar and the toast helper pages share.
        builder.Services.AddScoped<AgencyConnectionState>();
        builder.Services.AddScoped<ErrorNotifier>();

        builder.AddBackendClients();
        builder.AddOperations();
    }
}
